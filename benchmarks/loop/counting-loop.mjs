// The counting loop on node (V8), measured like CountingLoop.java: three warm-up calls, then timed calls.
// Usage: node counting-loop.mjs FILE.wasm [N [TIMED_CALLS]]
import { readFileSync } from 'node:fs';
const [file, nArg, callsArg] = process.argv.slice(2);
const n = Number(nArg ?? 100000000), calls = Number(callsArg ?? 10);
const { instance } = await WebAssembly.instantiate(readFileSync(file));
const loop = instance.exports.loop;
let checksum = 0;
for (let i = 0; i < 3; i++) checksum = loop(n);
const millis = [];
for (let i = 0; i < calls; i++) {
  const start = process.hrtime.bigint();
  const result = loop(n);
  millis.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (result !== checksum) throw new Error(`result changed: ${result} != ${checksum}`);
}
const sorted = [...millis].sort((a, b) => a - b);
console.log(`engine=node-${process.versions.v8} result=${checksum} calls=[${millis.map(m => m.toFixed(1)).join(', ')}] median_ms=${sorted[Math.floor(sorted.length / 2)].toFixed(1)}`);
