node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/lz.wasm 100
