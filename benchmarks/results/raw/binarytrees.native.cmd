/work/main/benchmarks/programs/target/native/binarytrees binarytrees 100
