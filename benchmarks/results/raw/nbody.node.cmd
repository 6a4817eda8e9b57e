node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/nbody.wasm 100
