/work/main/benchmarks/programs/target/native/nbody nbody 100
