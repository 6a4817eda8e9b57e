node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/spectralnorm.wasm 100
