/work/main/benchmarks/programs/target/native/recursion recursion 100
