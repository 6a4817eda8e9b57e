package dev.twasm.validation;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.Expr;
import dev.twasm.model.ExternKind;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.Global;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Features;
import dev.twasm.model.Module;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;

/**
 * Builds test modules for the validator on top of {@link Module#builder()}, with bodies and
 * constant expressions written in the {@link Code} DSL, and asserts how validation ends.
 *
 * <p>Every {@code func} adds its own type, so type indices follow the order of {@link #type} and
 * {@code func} calls. Imports come first in the index spaces whatever the order of calls.
 */
final class TestModule {
    static final ValType[] NONE = new ValType[0];

    private final Module.Builder builder = Module.builder();
    private int typeCount;

    static TestModule module() {
        return new TestModule();
    }

    static ValType[] types(ValType... types) {
        return types;
    }

    static FuncType sig(ValType[] params, ValType... results) {
        return FuncType.of(params, results);
    }

    /** {@code [] -> [results]}. */
    static FuncType returns(ValType... results) {
        return FuncType.of(NONE, results);
    }

    /** Adds a type; returns this builder (its index is the number of types added before). */
    TestModule type(FuncType type) {
        builder.addType(type);
        typeCount++;
        return this;
    }

    TestModule func(FuncType type, Object... code) {
        return funcWithLocals(type, NONE, code);
    }

    TestModule funcWithLocals(FuncType type, ValType[] locals, Object... code) {
        int typeIndex = typeCount;
        type(type);
        builder.addFunction(new Function(typeIndex, locals, Code.code(code)));
        return this;
    }

    /** A function with a raw type index (possibly out of range) and body {@code end}. */
    TestModule funcOfTypeIndex(int typeIndex) {
        builder.addFunction(new Function(typeIndex, NONE, Code.code(dev.twasm.model.Opcode.END)));
        return this;
    }

    TestModule importFunc(FuncType type) {
        int typeIndex = typeCount;
        type(type);
        builder.addImport(new Import("m", "f", new ImportDesc.Func(typeIndex)));
        return this;
    }

    TestModule importFuncOfTypeIndex(int typeIndex) {
        builder.addImport(new Import("m", "f", new ImportDesc.Func(typeIndex)));
        return this;
    }

    TestModule importGlobal(ValType type, boolean mutable) {
        builder.addImport(new Import("m", "g", new ImportDesc.Global(new GlobalType(type, mutable))));
        return this;
    }

    TestModule importMemory(long min, long max) {
        builder.addImport(new Import("m", "mem", new ImportDesc.Memory(new MemoryType(new Limits(min, max)))));
        return this;
    }

    TestModule importTable(ValType elemType, long min, long max) {
        builder.addImport(new Import("m", "t", new ImportDesc.Table(new TableType(elemType, new Limits(min, max)))));
        return this;
    }

    TestModule memory(long min) {
        return memory(min, Limits.NO_MAX);
    }

    TestModule memory(long min, long max) {
        builder.addMemory(new MemoryType(new Limits(min, max)));
        return this;
    }

    TestModule table(ValType elemType, long min) {
        return table(elemType, min, Limits.NO_MAX);
    }

    TestModule table(ValType elemType, long min, long max) {
        builder.addTable(new TableType(elemType, new Limits(min, max)));
        return this;
    }

    TestModule global(ValType type, boolean mutable, Object... init) {
        builder.addGlobal(new Global(new GlobalType(type, mutable), Code.code(init)));
        return this;
    }

    TestModule export(String name, ExternKind kind, int index) {
        builder.addExport(new Export(name, kind, index));
        return this;
    }

    TestModule start(int funcIndex) {
        builder.start(funcIndex);
        return this;
    }

    TestModule activeElem(int tableIndex, Expr offset, ValType elemType, Expr... items) {
        builder.addElem(new ElemSegment(SegmentMode.ACTIVE, elemType, tableIndex, offset, items));
        return this;
    }

    TestModule passiveElem(ValType elemType, Expr... items) {
        builder.addElem(new ElemSegment(SegmentMode.PASSIVE, elemType, 0, null, items));
        return this;
    }

    TestModule declarativeElem(ValType elemType, Expr... items) {
        builder.addElem(new ElemSegment(SegmentMode.DECLARATIVE, elemType, 0, null, items));
        return this;
    }

    TestModule activeData(int memoryIndex, Expr offset) {
        builder.addData(new DataSegment(SegmentMode.ACTIVE, memoryIndex, offset, new byte[]{1, 2}));
        return this;
    }

    TestModule passiveData() {
        builder.addData(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[]{1}));
        return this;
    }

    TestModule dataCount(int count) {
        builder.dataCount(count);
        return this;
    }

    Module build() {
        return builder.build();
    }

    /** Asserts the module validates; returns the per-function facts. */
    ValidationResult assertValid() {
        return Validator.analyze(build());
    }

    /** Asserts the module validates under the rules {@code features} select. */
    ValidationResult assertValid(Features features) {
        return Validator.analyze(build(), features);
    }

    /**
     * Asserts validation fails with a reason starting with {@code expected} (the spec test
     * harness's rule) and a location.
     */
    InvalidModuleException assertInvalid(String expected) {
        return assertInvalid(expected, Features.WASM_2_0);
    }

    /** {@link #assertInvalid(String)} under the rules {@code features} select. */
    InvalidModuleException assertInvalid(String expected, Features features) {
        Module m = build();
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.analyze(m, features));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\" but got \"" + e.reason() + "\"");
        assertNotNull(e.location(), "error without location: " + e.reason());
        return e;
    }
}
