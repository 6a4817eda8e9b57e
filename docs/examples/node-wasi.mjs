// Runs a WASI command module under node, for comparison with bin/wasm run (docs/wasi.md):
//   node --no-warnings docs/examples/node-wasi.mjs FILE.wasm [ARGS...]
import { readFile } from 'node:fs/promises';
import { argv, env, exit } from 'node:process';
import { WASI } from 'node:wasi';

const wasi = new WASI({ version: 'preview1', args: argv.slice(2), env, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
