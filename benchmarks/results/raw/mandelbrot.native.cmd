/work/main/benchmarks/programs/target/native/mandelbrot mandelbrot 100
