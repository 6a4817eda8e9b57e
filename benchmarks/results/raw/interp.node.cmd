node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/interp.wasm 100
