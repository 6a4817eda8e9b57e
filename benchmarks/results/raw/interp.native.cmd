/work/main/benchmarks/programs/target/native/interp interp 100
