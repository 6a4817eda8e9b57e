/work/main/benchmarks/programs/target/native/large large 100
