// The runner of the engine comparison for node (V8): runs one benchmark program with the runner
// protocol (see docs/performance.md) and the same optional time budget and minimum run time as
// the JVM runners (environment variables BENCH_TIME_BUDGET_MS and BENCH_MIN_TIME_MS).
// When V8 rejects the module (a WebAssembly.CompileError or LinkError while compiling or
// instantiating it), the run is unsupported: the runner prints unsupported=<reason> and exits with
// status 4, as the JVM runners do (RunnerProtocol.UNSUPPORTED_STATUS).
// Usage: node node-runner.mjs PROGRAM.wasm ITERATIONS
import { readFileSync } from 'node:fs';

const [file, iterationsArg] = process.argv.slice(2);
const iterations = Number.parseInt(iterationsArg ?? '', 10);
if (!file || !(iterations >= 1)) {
  console.error('usage: node node-runner.mjs PROGRAM.wasm ITERATIONS (>= 1)');
  process.exit(64);
}
const budgetNs = process.env.BENCH_TIME_BUDGET_MS ? BigInt(process.env.BENCH_TIME_BUDGET_MS) * 1000000n : null;
const minNs = process.env.BENCH_MIN_TIME_MS ? BigInt(process.env.BENCH_MIN_TIME_MS) * 1000000n : 0n;
const millis = (ns) => (Number(ns) / 1e6).toFixed(3);

const start = process.hrtime.bigint();
let exports;
try {
  exports = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {}).exports;
} catch (e) {
  if (!(e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError)) throw e;
  const reason = `${e.name}: ${e.message}`.replace(/\s*\n\s*/g, ' / ');
  console.log(`unsupported=${reason}`);
  console.error(`runner: the engine does not support this program: ${reason}`);
  process.exit(4);
}
if (typeof exports._initialize === 'function') exports._initialize();
exports.setup();
const checksum = exports.run() >>> 0;
console.log(`first_iteration_ms=${millis(process.hrtime.bigint() - start)}`);
for (let i = 1; i < iterations || process.hrtime.bigint() - start < minNs; i++) {
  if (budgetNs !== null && process.hrtime.bigint() - start >= budgetNs) {
    console.error(`runner: time budget of ${process.env.BENCH_TIME_BUDGET_MS} ms used up after ${i} of ${iterations} iterations`);
    break;
  }
  const s = process.hrtime.bigint();
  const result = exports.run() >>> 0;
  const e = process.hrtime.bigint();
  console.log(`iteration_ms=${millis(e - s)}`);
  if (result !== checksum) {
    console.error(`runner: run() ${i + 1} returned ${result}, the first returned ${checksum}`);
    process.exit(2);
  }
}
console.log(`checksum=${checksum}`);
