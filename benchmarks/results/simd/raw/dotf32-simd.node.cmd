node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/dotf32-simd.wasm 100
