// Runs a WASI program under node's WASI, for comparison with twasm (tests/.../wasi/WasiProgramsTest).
// Usage: node --no-warnings run-node.mjs PROGRAM.wasm HOST::GUEST|"" ENV_JSON [ARGS...]
// ARGS are the program's whole argv, program name first. The exit code is the program's.
import { WASI } from 'node:wasi';
import { readFile } from 'node:fs/promises';

const [wasm, mapping, envJson, ...args] = process.argv.slice(2);
const preopens = {};
if (mapping) {
  const [host, guest] = mapping.split('::');
  preopens[guest ?? host] = host;
}
const wasi = new WASI({ version: 'preview1', args, env: JSON.parse(envJson), preopens, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(wasm));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
