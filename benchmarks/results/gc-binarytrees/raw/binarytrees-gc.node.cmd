node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/binarytrees-gc.wasm 100
