package dev.twasm.baseline;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.Expr;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.runtime.WasmModule;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a function too large for one JIT-compiled JVM method into {@link Region}s.
 *
 * <p>HotSpot does not compile methods of more than 8,000 bytes of bytecode, so a large function
 * translated whole would run in the JVM's bytecode interpreter, and one over 64 KB cannot be a
 * method at all. Compilers make such functions by inlining: the {@code run} of the {@code large}
 * benchmark, which calls two thousand small functions, became one function of 120 KB whose loop
 * body first pushes two thousand operands and then consumes them one call at a time. So a cut
 * cannot wait for an empty operand stack; operands cross it through the transfer array.
 *
 * <p>The planner first translates the function once without assembling a class (a <em>dry
 * run</em> of {@link BaselineCompiler}, the same code path as the real translation). It records
 * every <em>boundary</em>, an instruction start in reachable code with no comparison or constant
 * held back by the translator, with its operand height, the lowest height reached since the
 * previous boundary, and the innermost open block (inside an {@code if}, its arm) as its key; and
 * every branch with the outermost block it targets. A stretch between two boundaries of the same
 * key whose branches only target blocks opened inside it can be a method. Regions are chosen
 * greedily from the start, each as long as its estimated bytecode allows
 * ({@link #BUDGET}); a stretch that cannot be cut at its own level is cut at the levels inside
 * it. A second dry run records the operand types at the chosen cuts.
 */
final class RegionPlanner {
    /**
     * Estimated bytecode of one region, well below {@link ModuleClass#MAX_METHOD_BYTES}: a
     * translation takes 0.7 to 1.4 bytes per byte of Wasm code, an operand through the transfer
     * array about 10.
     */
    static final int BUDGET = 5000;
    /** Shorter stretches are not worth a call and the round trip through the array. */
    static final int MIN_BYTES = 200;
    private static final double BYTES_PER_WASM_BYTE = 1.5;
    private static final int BYTES_PER_TRANSFER = 10;
    /** A class file's limit on one method's code, with room for the calls of the regions. */
    private static final int MAX_CODE_LENGTH = 50_000;

    private RegionPlanner() {
    }

    /** What a dry run of {@link BaselineCompiler} reports. */
    static final class Recording {
        /** Per boundary: module offset, open frames, operand height, lowest height since the previous boundary. */
        final List<int[]> boundaries = new ArrayList<>();
        final List<Object> keys = new ArrayList<>();
        /** Module offset of each branch instruction to the index of the outermost frame it targets. */
        final TreeMap<Integer, Integer> branches = new TreeMap<>();
        /** Offsets at which to take the operand types (second run), and what was found there. */
        final Map<Integer, ValType[]> snapshots = new HashMap<>();

        boolean wantsBoundaries() {
            return snapshots.isEmpty();
        }

        void boundary(int offset, int depth, int height, int low, Object key) {
            boundaries.add(new int[] {offset, depth, height, low});
            keys.add(key);
        }

        void branch(int offset, int targetFrame) {
            branches.put(offset, targetFrame);
        }
    }

    /** Thrown out of the dry run's method builder once it is complete, so that nothing is assembled. */
    private static final class DryRunDone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DryRunDone() {
            super(null, null, false, false);
        }
    }

    /**
     * The regions of defined function {@code functionIndex}, in code order; empty when it cannot
     * be split: reference-typed values would have to cross a cut (the {@code long[]} carries
     * numbers and vectors, as raw bits, only), the function has exception handlers, or no
     * stretch qualifies.
     *
     * @throws UnsupportedFunctionException if the function cannot be translated at all
     */
    static List<Region> plan(WasmModule module, int functionIndex, ModuleClass linkage) {
        Module model = module.model();
        ValType[] localTypes = BaselineCompiler.localTypes(model, functionIndex);
        for (ValType t : localTypes) {
            if (t.isReference()) {
                return List.of();
            }
        }
        if (usesExceptionHandling(model.definedFunction(functionIndex).body())) {
            // A region would have to keep exception handlers whole and see where their clauses branch.
            return List.of();
        }
        Recording boundaries = dryRun(module, functionIndex, linkage, new Recording());
        Expr body = model.definedFunction(functionIndex).body();
        List<int[]> cuts = choose(boundaries);
        int left = body.code().length;
        for (int[] cut : cuts) {
            left -= cut[1] - cut[0];
        }
        // What stays in the function's own method must fit a class file's 64 KB, or assembling fails.
        if (cuts.isEmpty() || BYTES_PER_WASM_BYTE * left > MAX_CODE_LENGTH) {
            return List.of();
        }
        Recording types = new Recording();
        for (int[] cut : cuts) {
            types.snapshots.put(cut[0], null);
            types.snapshots.put(cut[1], null);
        }
        dryRun(module, functionIndex, linkage, types);
        List<Region> regions = new ArrayList<>();
        for (int[] cut : cuts) {
            ValType[] entry = slice(types.snapshots.get(cut[0]), cut[2]);
            ValType[] exit = slice(types.snapshots.get(cut[1]), cut[2]);
            if (entry == null || exit == null) {
                return List.of();
            }
            regions.add(region(body, cut[0], cut[1], cut[2], entry, exit));
        }
        return regions;
    }

    private static Recording dryRun(WasmModule module, int functionIndex, ModuleClass linkage, Recording recording) {
        try {
            ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(ClassDesc.of("dev.twasm.baseline.DryRun"),
                            cb -> cb.withMethodBody("dryRun", linkage.bodyType(functionIndex), ClassFile.ACC_STATIC, code -> {
                                BaselineCompiler.record(module, functionIndex, code, linkage, recording);
                                throw new DryRunDone();
                            }));
        } catch (DryRunDone done) {
            // complete
        }
        return recording;
    }

    /** The operand types from height {@code low} up; null if one is a reference. */
    private static ValType[] slice(ValType[] stack, int low) {
        if (stack == null) {
            return null;
        }
        ValType[] result = new ValType[stack.length - low];
        for (int i = 0; i < result.length; i++) {
            result[i] = stack[low + i];
            if (result[i].isReference()) {
                return null;
            }
        }
        return result;
    }

    /** Greedy choice: {start, end, low} per region. */
    private static List<int[]> choose(Recording recording) {
        List<int[]> cuts = new ArrayList<>();
        List<int[]> bounds = recording.boundaries;
        int i = 0;
        while (i < bounds.size()) {
            int[] first = bounds.get(i);
            int start = first[0];
            int depth = first[1];
            Object key = recording.keys.get(i);
            int low = first[2];
            int best = -1;
            int bestLow = 0;
            for (int j = i + 1; j < bounds.size(); j++) {
                int[] b = bounds.get(j);
                low = Math.min(low, b[3]);
                int wasmBytes = b[0] - start;
                if (BYTES_PER_WASM_BYTE * wasmBytes > BUDGET || escapes(recording, bounds.get(j - 1)[0], b[0], depth)) {
                    break;
                }
                int transfers = first[2] - low + b[2] - low;
                if (recording.keys.get(j) == key && BYTES_PER_WASM_BYTE * wasmBytes + BYTES_PER_TRANSFER * transfers <= BUDGET) {
                    best = j;
                    bestLow = low;
                }
            }
            if (best >= 0 && bounds.get(best)[0] - start >= MIN_BYTES) {
                cuts.add(new int[] {start, bounds.get(best)[0], bestLow});
                i = best;
            } else {
                i++;
            }
        }
        return cuts;
    }

    /** Whether a branch in {@code [from, to)} targets a frame open at the region's start ({@code depth} of them were). */
    private static boolean escapes(Recording recording, int from, int to, int depth) {
        for (int target : recording.branches.subMap(from, to).values()) {
            if (target < depth) {
                return true;
            }
        }
        return false;
    }

    private static Region region(Expr body, int start, int end, int low, ValType[] entry, ValType[] exit) {
        TreeMap<Integer, Boolean> used = new TreeMap<>();
        CodeReader reader = new CodeReader(body.code(), start - body.moduleOffset(), end - body.moduleOffset(), body.moduleOffset());
        while (reader.hasNext()) {
            Opcode op = reader.next();
            if (op == Opcode.LOCAL_GET || op == Opcode.LOCAL_SET || op == Opcode.LOCAL_TEE) {
                used.merge(reader.index(), op != Opcode.LOCAL_GET, Boolean::logicalOr);
            }
        }
        int[] locals = new int[used.size()];
        boolean[] written = new boolean[used.size()];
        int k = 0;
        for (var e : used.entrySet()) {
            locals[k] = e.getKey();
            written[k++] = e.getValue();
        }
        return new Region(start, end, low, entry, exit, locals, written);
    }

    /** Whether {@code body} has an exception handling instruction (Wasm 3.0). */
    private static boolean usesExceptionHandling(Expr body) {
        CodeReader reader = new CodeReader(body);
        while (reader.hasNext()) {
            if (reader.next().isExceptionHandling()) {
                return true;
            }
        }
        return false;
    }
}
