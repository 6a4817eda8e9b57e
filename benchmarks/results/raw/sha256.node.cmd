node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/sha256.wasm 100
