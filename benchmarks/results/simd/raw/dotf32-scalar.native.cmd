/work/main/benchmarks/programs/target/native/dotf32-scalar dotf32-scalar 100
