node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/large.wasm 100
