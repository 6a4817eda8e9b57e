/work/main/benchmarks/programs/target/native/dotf32-simd dotf32-simd 100
