/**
 * The component model's canonical ABI, first piece: how component-level values are laid out in a
 * core instance's linear memory and as core parameters and results. Plain Java, no Truffle; the
 * reference is the component model's {@code CanonicalABI.md} and its executable definitions
 * ({@code canonical-abi/definitions.py}), whose function names the Javadoc here cites.
 *
 * <ul>
 *   <li>{@link dev.twasm.component.abi.Layout}: for a value type (type indices resolved through
 *       the component's type index space) its {@code despecialize}d form, {@code alignment},
 *       {@code elem_size} and {@code flatten_type}, and {@code flatten_functype} for a function
 *       type with the {@code MAX_FLAT_PARAMS}/{@code MAX_FLAT_RESULTS} limits.</li>
 *   <li>{@link dev.twasm.component.abi.AbiValue}: component values as the host sees them.</li>
 *   <li>{@link dev.twasm.component.abi.CanonicalAbi}: {@code load} and {@code store} of values
 *       in an {@link dev.twasm.component.abi.AbiMemory}, and {@code lift_flat} and
 *       {@code lower_flat} between values and flat core values, and {@code lift_flat_values}
 *       and {@code lower_flat_values}, which pass a function's parameters or results through
 *       memory when they flatten to more values than the limits allow.</li>
 *   <li>{@link dev.twasm.component.abi.AbiTrap}: the traps the ABI defines (misaligned or out of
 *       bounds pointers, invalid UTF-8, discriminants and code points), for the runtime to turn
 *       into Wasm traps.</li>
 * </ul>
 *
 * <p>Not here yet: string encodings other than UTF-8 ({@code utf16}, {@code latin1+utf16}),
 * resource handle tables (a handle is its i32 index, {@code lift_own}/{@code lower_borrow} and
 * friends come with resources), the async types ({@code stream}, {@code future},
 * {@code error-context}), fixed-length lists, and {@code canon lift}/{@code canon lower}
 * themselves. A malformed type (a type index that is not a value type, a cycle) or a host value
 * that does not fit its type is an {@link java.lang.IllegalArgumentException}, not a trap: the
 * guest cannot cause either once a component is validated.
 */
package dev.twasm.component.abi;
