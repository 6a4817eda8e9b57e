node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/bytestat-scalar.wasm 100
