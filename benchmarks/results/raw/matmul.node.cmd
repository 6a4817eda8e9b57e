node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/matmul.wasm 100
