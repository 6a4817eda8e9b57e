node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/hashmap.wasm 100
