/work/main/benchmarks/programs/target/native/hashmap hashmap 100
