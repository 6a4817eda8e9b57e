/work/main/benchmarks/programs/target/native/strsort strsort 100
