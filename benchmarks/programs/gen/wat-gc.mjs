// A small assembler from WebAssembly text to binary, for the Wasm GC benchmark programs (gc/*.wat),
// written for twasm's benchmarks. It exists because no tool on the build machine assembles Wasm GC
// text: wabt 1.0.32's wat2wasm has no GC, and binaryen 108's wasm-as writes a pre-standard GC
// encoding. It covers only what those programs use, and says so for anything else:
//
//   module fields  (type $t (struct (field $f T)...)), (type $t (func (param T)... (result T)...)),
//                  (global $g T-or-(mut T) CONST), (func $f (export "name")? (param $p T)...
//                  (result T)... (local $l T)... INSTRUCTION...), (export "name" (func $f))
//   value types    i32 i64 f32 f64 (ref $t) (ref null $t)   (field types also (mut T))
//   instructions   the flat (unfolded) syntax only: block/loop/if with an optional label and an
//                  optional (result T), else, end; br br_if return call drop; local.get/set/tee
//                  global.get/set; i32.const and the i32 operators in I32_OPS; ref.null ref.is_null
//                  struct.new struct.get
//   constants      a global's initialiser: (ref.null $t) or (i32.const N)
//
// The binary is the Wasm 3.0 encoding: each type in a recursion group of its own (a struct type may
// refer to itself), function types that the module does not declare appended after the declared
// ones, functions in text order. With --v8-11 it instead writes the pre-standard GC encoding of
// V8 11.3 (node 20's, behind --experimental-wasm-gc): other codes for (ref null $t), (ref $t),
// struct.new and struct.get (V8_11_CODES); build-gc.sh uses that only to check the checksum on node
// 20, and never writes it to wasm/.
//
// Usage: node wat-gc.mjs [--v8-11] INPUT.wat OUTPUT.wasm
import { readFileSync, writeFileSync } from 'node:fs';

// ---- reading: s-expressions of atoms, strings and lists
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (text.startsWith(';;', i)) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (text.startsWith('(;', i)) {
      const end = text.indexOf(';)', i);
      if (end < 0) throw new Error('unterminated block comment');
      i = end + 2;
      continue;
    }
    if (c === '(' || c === ')') { tokens.push(c); i++; continue; }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new Error('unterminated string');
      tokens.push({ string: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s()";]/.test(text[j])) j++;
    tokens.push(text.slice(i, j));
    i = j;
  }
  return tokens;
}
function parse(tokens) {
  let at = 0;
  const item = () => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('unexpected end of text');
    if (token === ')') throw new Error('unexpected )');
    if (token !== '(') return token;
    const list = [];
    while (tokens[at] !== ')') list.push(item());
    at++;
    return list;
  };
  const top = item();
  if (at !== tokens.length) throw new Error('text after the module');
  return top;
}

// ---- encoding helpers
const u32 = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
const s32 = (n) => {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && (b & 0x40))) { out.push(b); return out; }
    out.push(b | 0x80);
  }
};
const vec = (items) => [...u32(items.length), ...items.flat()];
const name = (s) => vec([...Buffer.from(s, 'utf8')].map((b) => [b]));
const section = (id, body) => (body.length ? [id, ...u32(body.length), ...body] : []);

const NUM_TYPES = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };
const STANDARD_CODES = { refNull: 0x63, ref: 0x64, 'struct.new': 0x00, 'struct.get': 0x02 };
const V8_11_CODES = { refNull: 0x6c, ref: 0x6b, 'struct.new': 0x07, 'struct.get': 0x03 };
const I32_OPS = {
  'i32.eqz': 0x45, 'i32.eq': 0x46, 'i32.ne': 0x47, 'i32.lt_s': 0x48, 'i32.lt_u': 0x49, 'i32.gt_s': 0x4a,
  'i32.gt_u': 0x4b, 'i32.le_s': 0x4c, 'i32.le_u': 0x4d, 'i32.ge_s': 0x4e, 'i32.ge_u': 0x4f, 'i32.add': 0x6a,
  'i32.sub': 0x6b, 'i32.mul': 0x6c, 'i32.and': 0x71, 'i32.or': 0x72, 'i32.xor': 0x73, 'i32.shl': 0x74,
  'i32.shr_s': 0x75, 'i32.shr_u': 0x76, 'i32.rotl': 0x77, 'i32.rotr': 0x78,
};
const SIMPLE_OPS = { ...I32_OPS, 'else': 0x05, 'end': 0x0b, 'return': 0x0f, 'drop': 0x1a, 'ref.is_null': 0xd1 };

export function assemble(text, codes = STANDARD_CODES) {
  const module = parse(tokenize(text));
  if (!Array.isArray(module) || module[0] !== 'module') throw new Error('expected (module ...)');
  const fields = module.slice(1);
  const kind = (field) => (Array.isArray(field) ? field[0] : field);
  const fail = (message, at) => { throw new Error(`${message}${at === undefined ? '' : `: ${JSON.stringify(at)}`}`); };

  // Index spaces: names of types, their fields, globals and functions, in text order.
  const types = []; // { name, kind: 'struct' | 'func', fields: [{ name, type, mutable }] | params, results }
  const typeIndex = new Map();
  const globals = [];
  const funcs = [];
  const funcIndex = new Map();
  const exports = [];
  const typeRef = (id) => (typeIndex.has(id) ? typeIndex.get(id) : fail('unknown type', id));
  const valType = (t) => {
    if (typeof t === 'string' && t in NUM_TYPES) return [NUM_TYPES[t]];
    if (Array.isArray(t) && t[0] === 'ref') {
      if (t.length === 3 && t[1] === 'null') return [codes.refNull, ...s32(typeRef(t[2]))];
      if (t.length === 2) return [codes.ref, ...s32(typeRef(t[1]))];
    }
    return fail('unsupported value type', t);
  };
  const signature = (items) => {
    const params = [], results = [], paramNames = [];
    for (const item of items) {
      if (item[0] === 'param') {
        const named = typeof item[1] === 'string' && item[1].startsWith('$');
        if (named) { paramNames.push(item[1]); params.push(item[2]); } else item.slice(1).forEach((t) => { paramNames.push(null); params.push(t); });
      } else if (item[0] === 'result') results.push(...item.slice(1));
    }
    return { params, results, paramNames };
  };

  for (const field of fields) { // types first: every later reference may name any of them
    if (kind(field) !== 'type') continue;
    const [, id, def] = field;
    typeIndex.set(id, types.length);
    if (def[0] === 'struct') {
      types.push({ kind: 'struct', fields: def.slice(1).map((f) => {
        if (f[0] !== 'field' || f.length !== 3) fail('expected (field $name T)', f);
        const mutable = Array.isArray(f[2]) && f[2][0] === 'mut';
        return { name: f[1], type: mutable ? f[2][1] : f[2], mutable };
      }) });
    } else if (def[0] === 'func') {
      types.push({ kind: 'func', ...signature(def.slice(1)) });
    } else fail('unsupported type definition', def);
  }
  const funcType = (params, results) => { // the index of the function type, appended when missing
    const key = JSON.stringify([params, results]);
    let index = types.findIndex((t) => t.kind === 'func' && JSON.stringify([t.params, t.results]) === key);
    if (index < 0) { index = types.length; types.push({ kind: 'func', params, results }); }
    return index;
  };
  for (const field of fields) {
    if (kind(field) === 'global') globals.push(field);
    else if (kind(field) === 'func') { funcIndex.set(field[1], funcs.length); funcs.push(field); }
  }
  const globalIndex = new Map(globals.map((g, i) => [g[1], i]));
  const fieldIndex = (type, id) => {
    const t = types[typeRef(type)];
    const index = t.kind !== 'struct' ? -1 : /^\d+$/.test(id) ? (Number(id) < t.fields.length ? Number(id) : -1) : t.fields.findIndex((f) => f.name === id);
    return index >= 0 ? index : fail(`no field ${id} in`, type);
  };

  // Function bodies.
  const decls = funcs.map((func) => {
    const items = func.slice(2);
    let headerLength = 0;
    while (Array.isArray(items[headerLength]) && ['export', 'param', 'result', 'local'].includes(items[headerLength][0])) headerLength++;
    const header = items.slice(0, headerLength);
    const body = items.slice(headerLength);
    for (const e of header.filter((i) => i[0] === 'export')) exports.push({ name: e[1].string, kind: 0, index: funcIndex.get(func[1]) });
    const { params, results, paramNames } = signature(header);
    const locals = header.filter((i) => i[0] === 'local');
    const localIndex = new Map();
    paramNames.forEach((n, i) => n && localIndex.set(n, i));
    locals.forEach((l, i) => localIndex.set(l[1], params.length + i));
    return { func, type: funcType(params, results), locals, localIndex, body };
  });
  const code = decls.map(({ func, locals, localIndex, body }) => {
    const out = [];
    const labels = []; // innermost last; null for an unlabelled block
    const local = (id) => (localIndex.has(id) ? u32(localIndex.get(id)) : fail(`function ${func[1]}: unknown local`, id));
    const label = (id) => { // a label's name, or a relative depth; the function body itself is not a label here
      const depth = /^\d+$/.test(id) ? Number(id) : labels.length - 1 - labels.lastIndexOf(id);
      return labels.lastIndexOf(id) >= 0 || depth < labels.length ? u32(depth) : fail(`function ${func[1]}: unknown label`, id);
    };
    for (let i = 0; i < body.length; i++) {
      const op = body[i];
      const next = () => body[++i];
      if (Array.isArray(op)) fail(`function ${func[1]}: only the flat instruction syntax is supported, not`, op);
      if (op === 'block' || op === 'loop' || op === 'if') {
        let id = null;
        if (typeof body[i + 1] === 'string' && body[i + 1].startsWith('$')) id = next();
        let blockType = [0x40];
        if (Array.isArray(body[i + 1]) && body[i + 1][0] === 'result') blockType = valType(next()[1]);
        labels.push(id);
        out.push({ block: 0x02, loop: 0x03, if: 0x04 }[op], ...blockType);
      } else if (op in SIMPLE_OPS) {
        if (op === 'end') {
          if (!labels.length) fail(`function ${func[1]}: end without a block`);
          labels.pop();
        }
        out.push(SIMPLE_OPS[op]);
      } else if (op === 'br' || op === 'br_if') out.push(op === 'br' ? 0x0c : 0x0d, ...label(next()));
      else if (op === 'call') { const f = next(); out.push(0x10, ...u32(funcIndex.has(f) ? funcIndex.get(f) : fail('unknown function', f))); }
      else if (op === 'local.get' || op === 'local.set' || op === 'local.tee') out.push({ 'local.get': 0x20, 'local.set': 0x21, 'local.tee': 0x22 }[op], ...local(next()));
      else if (op === 'global.get' || op === 'global.set') { const g = next(); out.push(op === 'global.get' ? 0x23 : 0x24, ...u32(globalIndex.has(g) ? globalIndex.get(g) : fail('unknown global', g))); }
      else if (op === 'i32.const') out.push(0x41, ...s32(Number.parseInt(next(), 10) | 0));
      else if (op === 'ref.null') out.push(0xd0, ...s32(typeRef(next())));
      else if (op === 'struct.new') out.push(0xfb, ...u32(codes[op]), ...u32(typeRef(next())));
      else if (op === 'struct.get') { const t = next(); out.push(0xfb, ...u32(codes[op]), ...u32(typeRef(t)), ...u32(fieldIndex(t, next()))); }
      else fail(`function ${func[1]}: unsupported instruction`, op);
    }
    if (labels.length) fail(`function ${func[1]}: ${labels.length} block(s) without end`);
    const localGroups = locals.map((l) => [...u32(1), ...valType(l[2])]);
    const entry = [...vec(localGroups), ...out, 0x0b];
    return [...u32(entry.length), ...entry];
  });
  for (const field of fields) {
    if (kind(field) !== 'export') continue;
    const [, exportName, [what, id]] = field;
    if (what !== 'func' || !funcIndex.has(id)) fail('unsupported export', field);
    exports.push({ name: exportName.string, kind: 0, index: funcIndex.get(id) });
  }

  const constant = (c) => {
    if (c[0] === 'ref.null') return [0xd0, ...s32(typeRef(c[1])), 0x0b];
    if (c[0] === 'i32.const') return [0x41, ...s32(Number.parseInt(c[1], 10) | 0), 0x0b];
    return fail('unsupported constant expression', c);
  };
  const typeEntries = types.map((t) => (t.kind === 'struct'
    ? [0x5f, ...vec(t.fields.map((f) => [...valType(f.type), f.mutable ? 1 : 0]))]
    : [0x60, ...vec(t.params.map(valType)), ...vec(t.results.map(valType))]));
  const globalEntries = globals.map((g) => {
    const mutable = Array.isArray(g[2]) && g[2][0] === 'mut';
    return [...valType(mutable ? g[2][1] : g[2]), mutable ? 1 : 0, ...constant(g[3])];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(typeEntries)),
    ...section(3, decls.length ? vec(decls.map((d) => u32(d.type))) : []),
    ...section(6, globalEntries.length ? vec(globalEntries) : []),
    ...section(7, exports.length ? vec(exports.map((e) => [...name(e.name), e.kind, ...u32(e.index)])) : []),
    ...section(10, code.length ? vec(code) : []),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const v8 = args[0] === '--v8-11';
  if (v8) args.shift();
  if (args.length !== 2) {
    console.error('usage: node wat-gc.mjs [--v8-11] INPUT.wat OUTPUT.wasm');
    process.exit(64);
  }
  try {
    writeFileSync(args[1], assemble(readFileSync(args[0], 'utf8'), v8 ? V8_11_CODES : STANDARD_CODES));
  } catch (e) {
    console.error(`wat-gc: ${args[0]}: ${e.message}`);
    process.exit(1);
  }
}
