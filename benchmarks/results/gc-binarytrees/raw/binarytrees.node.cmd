node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/binarytrees.wasm 100
