package dev.twasm.validation;

import static dev.twasm.model.Opcode.*;
import static dev.twasm.model.ValType.*;
import static dev.twasm.validation.Code.code;
import static dev.twasm.validation.TestModule.NONE;
import static dev.twasm.validation.TestModule.module;
import static dev.twasm.validation.TestModule.returns;
import static dev.twasm.validation.TestModule.sig;
import static dev.twasm.validation.TestModule.types;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.ExternKind;
import dev.twasm.model.FuncType;
import dev.twasm.model.Limits;
import org.junit.jupiter.api.Test;

/**
 * Module-level rules (spec §3.2 types, §3.4 modules), ported from memory.wast, table.wast,
 * imports.wast, exports.wast, start.wast, elem.wast, data.wast, func.wast and binary.wast.
 */
class ModuleValidatorTest {
    private static final FuncType VOID = returns();

    @Test
    void emptyModuleIsValid() {
        module().assertValid();
    }

    @Test
    void functionTypeIndices() {
        module().type(VOID).funcOfTypeIndex(0).assertValid();
        // func.wast "unknown type"
        module().funcOfTypeIndex(0).assertInvalid("unknown type 0");
        module().type(VOID).funcOfTypeIndex(1).assertInvalid("unknown type 1");
        module().type(VOID).importFuncOfTypeIndex(3).assertInvalid("unknown type 3");
        InvalidModuleException e = module().type(VOID).funcOfTypeIndex(0).funcOfTypeIndex(9).assertInvalid("unknown type");
        assertTrue(e.location().contains("function 1"), e.location());
    }

    @Test
    void memoryLimits() {
        module().memory(0).assertValid();
        module().memory(0, 0).assertValid();
        module().memory(1, 65536).assertValid();
        module().memory(65536).assertValid();
        // memory.wast
        module().memory(1, 0).assertInvalid("size minimum must not be greater than maximum");
        module().memory(65537).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        module().memory(0x8000_0000L).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        module().memory(0x1_0000_0000L).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        module().memory(0, 65537).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        module().memory(0, 0xFFFF_FFFFL).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        module().importMemory(2, 1).assertInvalid("size minimum must not be greater than maximum");
        module().importMemory(0, 65537).assertInvalid("memory size must be at most 65536 pages (4GiB)");
    }

    @Test
    void atMostOneMemory() {
        module().memory(1).memory(1).assertInvalid("multiple memories");
        module().importMemory(1, Limits.NO_MAX).memory(1).assertInvalid("multiple memories");
        module().importMemory(1, Limits.NO_MAX).importMemory(1, Limits.NO_MAX).assertInvalid("multiple memories");
    }

    @Test
    void tableLimits() {
        module().table(FUNCREF, 0).assertValid();
        module().table(EXTERNREF, 1, 10).table(FUNCREF, 0xFFFF_FFFFL).assertValid();
        module().table(FUNCREF, 0, 0xFFFF_FFFFL).assertValid();
        module().table(FUNCREF, 1, 0).assertInvalid("size minimum must not be greater than maximum");
        module().table(FUNCREF, 0xFFFF_FFFFL, 0).assertInvalid("size minimum must not be greater than maximum");
        module().table(FUNCREF, 0x1_0000_0000L).assertInvalid("table size must be at most 2^32-1");
        module().table(FUNCREF, 0, 0x1_0000_0000L).assertInvalid("table size must be at most 2^32-1");
        module().importTable(FUNCREF, 3, 2).assertInvalid("size minimum must not be greater than maximum");
        // several tables are fine in Wasm 2.0
        module().importTable(FUNCREF, 0, 1).table(FUNCREF, 1).table(EXTERNREF, 1).assertValid();
    }

    @Test
    void exports() {
        module().func(VOID, END).table(FUNCREF, 0).memory(0).global(I32, false, I32_CONST, 0, END)
                        .export("a", ExternKind.FUNC, 0).export("b", ExternKind.TABLE, 0).export("c", ExternKind.MEMORY, 0)
                        .export("d", ExternKind.GLOBAL, 0).assertValid();
        // exports.wast: unknown items
        module().export("a", ExternKind.FUNC, 0).assertInvalid("unknown function 0");
        module().func(VOID, END).export("a", ExternKind.FUNC, 1).assertInvalid("unknown function");
        module().export("a", ExternKind.TABLE, 0).assertInvalid("unknown table");
        module().table(FUNCREF, 0).export("a", ExternKind.TABLE, 1).assertInvalid("unknown table");
        module().export("a", ExternKind.MEMORY, 0).assertInvalid("unknown memory");
        module().memory(0).export("a", ExternKind.MEMORY, 1).assertInvalid("unknown memory 1");
        module().export("a", ExternKind.GLOBAL, 0).assertInvalid("unknown global");
        module().importGlobal(I32, false).export("a", ExternKind.GLOBAL, 1).assertInvalid("unknown global 1");
        // exports.wast: duplicate names, whatever the kinds
        module().func(VOID, END).export("a", ExternKind.FUNC, 0).export("a", ExternKind.FUNC, 0).assertInvalid("duplicate export name");
        module().func(VOID, END).memory(0).export("a", ExternKind.FUNC, 0).export("a", ExternKind.MEMORY, 0)
                        .assertInvalid("duplicate export name");
        module().global(I32, false, I32_CONST, 0, END).table(FUNCREF, 0).export("a", ExternKind.GLOBAL, 0)
                        .export("a", ExternKind.TABLE, 0).assertInvalid("duplicate export name");
        module().func(VOID, END).export("a", ExternKind.FUNC, 0).export("b", ExternKind.FUNC, 0).assertValid();
        // imported items can be exported
        module().importGlobal(F32, true).export("g", ExternKind.GLOBAL, 0).assertValid();
        InvalidModuleException e = module().export("x", ExternKind.FUNC, 3).assertInvalid("unknown function 3");
        assertTrue(e.location().contains("export \"x\""), e.location());
    }

    @Test
    void startFunction() {
        module().func(VOID, END).start(0).assertValid();
        module().importFunc(VOID).start(0).assertValid();
        // start.wast
        module().func(VOID, END).start(1).assertInvalid("unknown function 1");
        module().func(returns(I32), I32_CONST, 0, END).start(0).assertInvalid("start function");
        module().func(sig(types(I32), NONE), END).start(0).assertInvalid("start function");
    }

    @Test
    void elementSegments() {
        module().table(FUNCREF, 1).func(VOID, END).activeElem(0, code(I32_CONST, 0, END), FUNCREF, code(REF_FUNC, 0, END)).assertValid();
        // elem.wast: the table must exist and have the segment's type
        module().func(VOID, END).activeElem(0, code(I32_CONST, 0, END), FUNCREF, code(REF_FUNC, 0, END)).assertInvalid("unknown table 0");
        module().table(FUNCREF, 1).activeElem(1, code(I32_CONST, 0, END), FUNCREF).assertInvalid("unknown table 1");
        module().table(EXTERNREF, 1).activeElem(0, code(I32_CONST, 0, END), FUNCREF).assertInvalid("type mismatch");
        module().table(FUNCREF, 1).activeElem(0, code(I32_CONST, 0, END), EXTERNREF).assertInvalid("type mismatch");
        module().table(FUNCREF, 1).table(EXTERNREF, 1).activeElem(1, code(I32_CONST, 0, END), EXTERNREF,
                        code(REF_NULL, EXTERNREF, END)).assertValid();
        // passive and declarative segments need no table
        module().passiveElem(FUNCREF).declarativeElem(EXTERNREF).assertValid();
        // the segment type must be a reference type
        module().passiveElem(I32).assertInvalid("malformed reference type");
        InvalidModuleException e = module().passiveElem(FUNCREF).passiveElem(FUNCREF, code(I32_CONST, 0, END)).assertInvalid("type mismatch");
        assertTrue(e.location().contains("element segment 1"), e.location());
    }

    @Test
    void dataSegments() {
        module().memory(1).activeData(0, code(I32_CONST, 0, END)).passiveData().assertValid();
        // data.wast: the memory must exist
        module().activeData(0, code(I32_CONST, 0, END)).assertInvalid("unknown memory 0");
        module().memory(1).activeData(1, code(I32_CONST, 0, END)).assertInvalid("unknown memory 1");
        module().importMemory(1, Limits.NO_MAX).activeData(0, code(I32_CONST, 0, END)).assertValid();
        module().passiveData().assertValid();
    }

    @Test
    void v128IsAValueTypeOfDeclarations() {
        module().type(sig(types(V128), NONE)).assertValid();
        module().type(returns(V128)).assertValid();
        module().importGlobal(V128, false).assertValid();
        module().global(V128, false, V128_CONST, new byte[16], END).assertValid();
        module().global(V128, false, I32_CONST, 0, END).assertInvalid("type mismatch");
    }

    @Test
    void firstErrorFollowsTheReferenceInterpreterOrder() {
        // globals are checked before function bodies, bodies before exports
        module().global(I32, false, NOP, END).func(VOID, I32_ADD, END).export("a", ExternKind.FUNC, 5)
                        .assertInvalid("constant expression required");
        module().func(VOID, I32_ADD, END).export("a", ExternKind.FUNC, 5).assertInvalid("type mismatch");
        // "multiple memories" comes last
        module().memory(1).memory(1).export("a", ExternKind.FUNC, 5).assertInvalid("unknown function");
    }
}
