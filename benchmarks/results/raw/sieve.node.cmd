node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/sieve.wasm 100
