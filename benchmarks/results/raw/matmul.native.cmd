/work/main/benchmarks/programs/target/native/matmul matmul 100
