/work/main/benchmarks/programs/target/native/bytestat-scalar bytestat-scalar 100
