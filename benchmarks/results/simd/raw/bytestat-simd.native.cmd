/work/main/benchmarks/programs/target/native/bytestat-simd bytestat-simd 100
