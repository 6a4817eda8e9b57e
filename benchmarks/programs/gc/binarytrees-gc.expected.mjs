// The checksum that binarytrees-gc.wat's run() must return, computed without Wasm from what the
// program does (see its header): a complete tree of depth d has 2^(d+1) - 1 nodes, and every count
// is folded in as h := h * 31 + count (i32, wrapping), in the program's order. build-gc.sh checks
// it against checksums.txt. Prints the checksum (unsigned decimal).
const maxDepth = 15;
const minDepth = 4;
const nodes = (depth) => 2 ** (depth + 1) - 1;
let h = 0;
const mix = (value) => { h = (Math.imul(h, 31) + value) | 0; };
mix(nodes(maxDepth + 1)); // the stretch tree
for (let depth = minDepth; depth <= maxDepth; depth += 2) {
  const trees = 2 ** (maxDepth - depth + minDepth);
  mix(trees);
  mix(trees * nodes(depth)); // below 2^31: trees * nodes < 2^(maxDepth + minDepth + 1)
}
mix(nodes(maxDepth)); // the long-lived tree of run()
mix(nodes(maxDepth)); // the tree that setup() keeps in the global $kept
console.log(h >>> 0);
