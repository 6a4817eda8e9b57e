node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/bytestat-simd.wasm 100
