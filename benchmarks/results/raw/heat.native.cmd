/work/main/benchmarks/programs/target/native/heat heat 100
