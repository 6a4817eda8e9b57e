node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/heat.wasm 100
