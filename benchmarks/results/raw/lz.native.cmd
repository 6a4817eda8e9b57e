/work/main/benchmarks/programs/target/native/lz lz 100
