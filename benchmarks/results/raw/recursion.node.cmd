node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/recursion.wasm 100
