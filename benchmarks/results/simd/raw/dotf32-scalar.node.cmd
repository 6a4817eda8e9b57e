node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/dotf32-scalar.wasm 100
