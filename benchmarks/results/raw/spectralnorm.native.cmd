/work/main/benchmarks/programs/target/native/spectralnorm spectralnorm 100
