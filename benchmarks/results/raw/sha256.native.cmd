/work/main/benchmarks/programs/target/native/sha256 sha256 100
