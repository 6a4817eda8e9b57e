node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/strsort.wasm 100
