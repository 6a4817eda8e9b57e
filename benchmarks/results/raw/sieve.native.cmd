/work/main/benchmarks/programs/target/native/sieve sieve 100
