/**
 * The component model's binary format (version 0x0d, layer 1), decoded into a plain Java model: the
 * first stage toward running WASI preview 2 components such as {@code wasi:cli/command}.
 *
 * <p>{@link dev.twasm.component.ComponentDecoder} turns bytes into a
 * {@link dev.twasm.component.Component}: its definitions in binary order (core modules, core and
 * component instances, aliases, core and component types, canonical definitions, start, imports,
 * exports, custom sections) and, per {@link dev.twasm.component.Sort}, the index space those
 * definitions build. The classes are named in the component model's own vocabulary (its Explainer
 * and binary format documents): {@link dev.twasm.component.ExternDesc},
 * {@link dev.twasm.component.ValType}, {@link dev.twasm.component.DefType},
 * {@link dev.twasm.component.Alias}, {@link dev.twasm.component.Canon} and so on.
 *
 * <p>Decoding only: nothing here validates (index ranges, type matching, name uniqueness), lifts or
 * lowers values (the canonical ABI), links or runs anything. Core modules inside a component stay
 * as byte ranges of the input ({@link dev.twasm.component.CoreModule}) for
 * {@link dev.twasm.binary.BinaryDecoder} to decode when they are needed; nested components are
 * decoded recursively. Malformed input is a {@link dev.twasm.exception.MalformedModuleException}
 * with the offset, like a malformed core module. Plain Java, no Truffle.
 */
package dev.twasm.component;
