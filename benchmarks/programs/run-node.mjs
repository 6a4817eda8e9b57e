// Runs one benchmark program in node (V8) with the runner protocol of README.md:
//   node run-node.mjs <program.wasm> [iterations]
// Instantiates with no imports, calls _initialize, setup, then run() `iterations` times.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [file, iterArg = '1'] = process.argv.slice(2);
const iterations = Number.parseInt(iterArg, 10);
if (!file || !(iterations >= 1)) {
  console.error('usage: node run-node.mjs <program.wasm> [iterations >= 1]');
  process.exit(64);
}
const t0 = performance.now();
const bytes = readFileSync(file);
const module = new WebAssembly.Module(bytes);
const { exports } = new WebAssembly.Instance(module, {});
exports._initialize();
exports.setup();
const first = exports.run() >>> 0;
const t1 = performance.now();
const out = [`first_iteration_ms=${(t1 - t0).toFixed(3)}`];
for (let i = 1; i < iterations; i++) {
  const s = performance.now();
  const c = exports.run() >>> 0;
  const e = performance.now();
  out.push(`iteration_ms=${(e - s).toFixed(3)}`);
  if (c !== first) {
    console.log(out.join('\n'));
    console.error(`run() ${i + 1} returned ${c}, the first returned ${first}`);
    process.exit(2);
  }
}
out.push(`checksum=${first}`);
console.log(out.join('\n'));
