node benchmarks/runners/node-runner.mjs /work/main/benchmarks/programs/wasm/mandelbrot.wasm 100
