package dev.twasm.baseline;

import dev.twasm.model.ValType;

/**
 * A stretch of a function body that the baseline tier translates as a JVM method of its own,
 * {@code f<i>$r<k>(long[] transfer, WasmInstance)}, because the whole function would exceed
 * HotSpot's limit for JIT compilation ({@link ModuleClass#MAX_METHOD_BYTES}). {@link RegionPlanner}
 * chooses regions so that the stretch is a sequence of whole instructions inside one block whose
 * branches all stay inside it. What it shares with the code around it goes through the
 * {@code long[]} <em>transfer array</em> as raw bits: the locals it uses (element = local index),
 * and the operands it takes from the stack and leaves on it (element = local count + height). A
 * {@code v128} takes two elements: its low half there, its high half at the same element of a
 * second half of the array, which the function allocates when any of its cuts carries a vector.
 * References cannot cross a cut: a function that would need it is not split.
 *
 * @param start module offset of the region's first instruction
 * @param end module offset just after its last instruction
 * @param low the lowest operand height the region's code reaches: it takes the operands from
 *            {@code low} up and leaves its own from {@code low} up
 * @param entry the types of the operands it takes (heights {@code low} to its start's height)
 * @param exit the types of the operands it leaves (heights {@code low} to its end's height)
 * @param locals the Wasm locals it reads or writes, ascending
 * @param written for each of {@code locals}, whether it may write it
 */
record Region(int start, int end, int low, ValType[] entry, ValType[] exit, int[] locals, boolean[] written) {
}
