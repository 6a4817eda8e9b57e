node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/fnptr.wasm 100
