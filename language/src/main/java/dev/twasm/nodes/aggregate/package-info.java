/**
 * The nodes of Wasm 3.0 GC's aggregate instructions (spec 3.0 §4.4.2 "Aggregate Instructions"):
 * the array instructions ({@code array.new*}, {@code array.get*}, {@code array.set},
 * {@code array.len}, {@code array.fill}, {@code array.copy}, {@code array.init_data},
 * {@code array.init_elem}). Each node keeps what partial evaluation must see as constants in final
 * fields: the array's {@link dev.twasm.gc.DefinedType} where it allocates, and its element
 * {@link dev.twasm.gc.StorageKind}, so the {@code switch} over the kind folds to one typed array
 * access, and a get or set compiles to a class check, a null check, a bounds check and the access.
 * Traps are {@link dev.twasm.nodes.TrapSite}s, not compiled until taken.
 */
package dev.twasm.nodes.aggregate;
