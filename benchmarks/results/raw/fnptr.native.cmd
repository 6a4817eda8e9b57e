/work/main/benchmarks/programs/target/native/fnptr fnptr 100
