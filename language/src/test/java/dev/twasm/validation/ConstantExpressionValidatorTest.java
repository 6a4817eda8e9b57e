package dev.twasm.validation;

import static dev.twasm.model.Opcode.*;
import static dev.twasm.model.ValType.*;
import static dev.twasm.validation.Code.code;
import static dev.twasm.validation.TestModule.module;
import static dev.twasm.validation.TestModule.returns;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Features;
import org.junit.jupiter.api.Test;

/**
 * Constant expressions (spec §3.3.10): global initializers (global.wast), element offsets and
 * items (elem.wast) and data offsets (data.wast), with Wasm 3.0's extended constant expressions
 * and, under {@link Features#extendedConstants()}, its wider set of globals they may read.
 */
class ConstantExpressionValidatorTest {
    @Test
    void constantInstructionsOfTheRightType() {
        module().global(I32, false, I32_CONST, 1, END).assertValid();
        module().global(I64, true, I64_CONST, -1L, END).assertValid();
        module().global(F32, false, F32_CONST, 1f, END).assertValid();
        module().global(F64, false, F64_CONST, 1d, END).assertValid();
        module().global(FUNCREF, false, REF_NULL, FUNCREF, END).assertValid();
        module().global(EXTERNREF, true, REF_NULL, EXTERNREF, END).assertValid();
        module().func(returns(), END).global(FUNCREF, false, REF_FUNC, 0, END).assertValid();
        module().importGlobal(I32, false).global(I32, false, GLOBAL_GET, 0, END).assertValid();
    }

    @Test
    void exactlyOneValueOfTheDeclaredType() {
        // global.wast: (global i32 (i64.const 0)), (global i32 (f32.const 0)) ...
        module().global(I32, false, I64_CONST, 0L, END).assertInvalid("type mismatch");
        module().global(F64, false, F32_CONST, 0f, END).assertInvalid("type mismatch");
        module().global(FUNCREF, false, REF_NULL, EXTERNREF, END).assertInvalid("type mismatch");
        module().global(EXTERNREF, false, REF_FUNC, 0, END).func(returns(), END).assertInvalid("type mismatch");
        // global.wast $type-value-empty and two values
        module().global(I32, false, END).assertInvalid("type mismatch");
        module().importGlobal(I32, false).global(I32, false, I32_CONST, 0, GLOBAL_GET, 0, END).assertInvalid("type mismatch");
        module().importGlobal(F32, false).global(I32, false, GLOBAL_GET, 0, END).assertInvalid("type mismatch");
    }

    @Test
    void onlyConstantInstructions() {
        // global.wast: f32.neg, local.get, nop, i32.ctz are not constant
        module().global(F32, false, F32_CONST, 0f, F32_NEG, END).assertInvalid("constant expression required");
        module().global(F32, false, LOCAL_GET, 0, END).assertInvalid("constant expression required");
        module().global(I32, false, I32_CONST, 0, NOP, END).assertInvalid("constant expression required");
        module().global(I32, false, NOP, END).assertInvalid("constant expression required");
        module().global(I32, false, I32_CONST, 0, I32_CTZ, END).assertInvalid("constant expression required");
        module().global(I32, false, I32_CONST, 0, I32_CONST, 1, I32_DIV_S, END).assertInvalid("constant expression required");
        module().global(I64, false, I64_CONST, 0L, I64_CONST, 1L, I64_AND, END).assertInvalid("constant expression required");
        module().global(I32, false, BLOCK, I32, I32_CONST, 0, END, END).assertInvalid("constant expression required");
        module().global(I32, false, UNREACHABLE, END).assertInvalid("constant expression required");
        // constness is checked before typing
        module().global(I32, false, I64_CONST, 0L, NOP, END).assertInvalid("constant expression required");
    }

    @Test
    void globalGetReadsOnlyImmutableImportedGlobals() {
        // global.wast: a mutable import is not constant
        module().importGlobal(I32, true).global(I32, false, GLOBAL_GET, 0, END).assertInvalid("constant expression required");
        // global.wast: globals defined in the module are unknown to constant expressions in Wasm 2.0
        module().global(I32, false, I32_CONST, 0, END).global(I32, false, GLOBAL_GET, 0, END).assertInvalid("unknown global");
        module().global(I32, false, GLOBAL_GET, 0, END).assertInvalid("unknown global");
        module().global(I32, false, GLOBAL_GET, 1, END).global(I32, false, I32_CONST, 0, END).assertInvalid("unknown global");
        module().importGlobal(I32, false).global(I32, false, GLOBAL_GET, 2, END).assertInvalid("unknown global");
        // data.wast and elem.wast: the same for segment offsets
        module().memory(1).global(I32, false, I32_CONST, 0, END).activeData(0, code(GLOBAL_GET, 0, END)).assertInvalid("unknown global");
        module().memory(1).activeData(0, code(GLOBAL_GET, 0, END)).assertInvalid("unknown global 0");
        module().memory(1).importGlobal(I32, false).activeData(0, code(GLOBAL_GET, 1, END)).assertInvalid("unknown global 1");
        module().memory(1).importGlobal(I32, false).activeData(0, code(GLOBAL_GET, 0, END)).assertValid();
        module().table(FUNCREF, 1).func(returns(), END).global(I32, false, I32_CONST, 0, END)
                        .activeElem(0, code(GLOBAL_GET, 0, END), FUNCREF, code(REF_FUNC, 0, END)).assertInvalid("unknown global");
        module().table(FUNCREF, 1).importGlobal(I32, false).activeElem(0, code(GLOBAL_GET, 0, END), FUNCREF).assertValid();
    }

    @Test
    void segmentOffsets() {
        // data.wast: offsets must be i32 constants
        module().memory(1).activeData(0, code(I32_CONST, 0, END)).assertValid();
        module().memory(1).activeData(0, code(I64_CONST, 0L, END)).assertInvalid("type mismatch");
        module().memory(1).activeData(0, code(END)).assertInvalid("type mismatch");
        module().memory(1).activeData(0, code(I32_CONST, 0, I32_CONST, 0, END)).assertInvalid("type mismatch");
        module().memory(1).activeData(0, code(I32_CONST, 1, I32_CONST, 1, I32_SHL, END)).assertInvalid("constant expression required");
        module().memory(1).activeData(0, code(NOP, END)).assertInvalid("constant expression required");
        module().memory(1).activeData(0, code(I32_CONST, 0, NOP, END)).assertInvalid("constant expression required");
        // elem.wast
        module().table(FUNCREF, 1).activeElem(0, code(I32_CONST, 0, END), FUNCREF).assertValid();
        module().table(FUNCREF, 1).activeElem(0, code(I64_CONST, 0L, END), FUNCREF).assertInvalid("type mismatch");
        module().table(FUNCREF, 1).activeElem(0, code(REF_NULL, FUNCREF, END), FUNCREF).assertInvalid("type mismatch");
        module().table(FUNCREF, 1).activeElem(0, code(I32_CONST, 0, I32_CONST, 0, END), FUNCREF).assertInvalid("type mismatch");
        module().table(FUNCREF, 1).activeElem(0, code(I32_CTZ, END), FUNCREF).assertInvalid("constant expression required");
    }

    @Test
    void extendedConstantArithmetic() {
        // Wasm 3.0 (global.wast, data.wast, elem.wast): i32 and i64 add, sub and mul, typed like instructions
        module().global(I32, false, I32_CONST, 20, I32_CONST, 2, I32_MUL, I32_CONST, 2, I32_SUB, END).assertValid();
        module().global(I64, false, I64_CONST, 1L, I64_CONST, 2L, I64_ADD, END).assertValid();
        module().memory(1).activeData(0, code(I32_CONST, 1, I32_CONST, 2, I32_ADD, END)).assertValid();
        module().table(FUNCREF, 1).activeElem(0, code(I32_CONST, 3, I32_CONST, 2, I32_SUB, END), FUNCREF).assertValid();
        module().global(I64, false, I64_CONST, 1L, I32_CONST, 2, I64_ADD, END).assertInvalid("type mismatch");
        module().global(I32, false, I32_CONST, 1, I32_ADD, END).assertInvalid("type mismatch");
        module().global(I32, false, I64_CONST, 1L, I64_CONST, 2L, I64_MUL, END).assertInvalid("type mismatch");
        module().global(I32, false, I32_CONST, 1, I32_CONST, 2, I32_CONST, 3, I32_ADD, END).assertInvalid("type mismatch");
    }

    @Test
    void earlierDefinedGlobalsAreConstantInWasm30() {
        Features wasm30 = Features.WASM_3_0;
        module().global(I32, false, I32_CONST, 0, END).global(I32, false, GLOBAL_GET, 0, END).assertValid(wasm30);
        module().importGlobal(I32, false).global(I32, false, I32_CONST, 0, END).global(I32, false, GLOBAL_GET, 0, GLOBAL_GET, 1, I32_ADD, END)
                        .assertValid(wasm30);
        // only earlier ones, and only immutable ones
        module().global(I32, false, GLOBAL_GET, 1, END).global(I32, false, I32_CONST, 0, END).assertInvalid("unknown global 1", wasm30);
        module().global(I32, false, GLOBAL_GET, 0, END).assertInvalid("unknown global 0", wasm30);
        module().global(I32, true, I32_CONST, 0, END).global(I32, false, GLOBAL_GET, 0, END).assertInvalid("constant expression required", wasm30);
        // segments see every global
        module().memory(1).global(I32, false, I32_CONST, 0, END).activeData(0, code(GLOBAL_GET, 0, END)).assertValid(wasm30);
        module().table(FUNCREF, 1).func(returns(), END).global(I32, false, I32_CONST, 0, END)
                        .activeElem(0, code(GLOBAL_GET, 0, END), FUNCREF, code(REF_FUNC, 0, END)).assertValid(wasm30);
        module().memory(1).activeData(0, code(GLOBAL_GET, 0, END)).assertInvalid("unknown global 0", wasm30);
    }

    @Test
    void elementItems() {
        module().func(returns(), END).passiveElem(FUNCREF, code(REF_FUNC, 0, END), code(REF_NULL, FUNCREF, END)).assertValid();
        module().passiveElem(EXTERNREF, code(REF_NULL, EXTERNREF, END)).assertValid();
        module().passiveElem(FUNCREF, code(REF_NULL, EXTERNREF, END)).assertInvalid("type mismatch");
        module().passiveElem(EXTERNREF, code(REF_FUNC, 0, END)).func(returns(), END).assertInvalid("type mismatch");
        module().passiveElem(FUNCREF, code(I32_CONST, 0, END)).assertInvalid("type mismatch");
        module().passiveElem(FUNCREF, code(REF_FUNC, 0, END)).assertInvalid("unknown function 0");
        module().passiveElem(FUNCREF, code(REF_NULL, FUNCREF, REF_IS_NULL, END)).assertInvalid("constant expression required");
        module().importGlobal(FUNCREF, false).passiveElem(FUNCREF, code(GLOBAL_GET, 0, END)).assertValid();
        module().importGlobal(FUNCREF, true).passiveElem(FUNCREF, code(GLOBAL_GET, 0, END)).assertInvalid("constant expression required");
        module().declarativeElem(FUNCREF, code(REF_NULL, FUNCREF, END), code(REF_NULL, FUNCREF, END)).assertValid();
    }

    @Test
    void errorsNameTheComponent() {
        InvalidModuleException e = module().global(I32, false, I32_CONST, 0, END).global(I32, false, NOP, END)
                        .assertInvalid("constant expression required");
        assertTrue(e.location().contains("global 1"), e.location());
        e = module().memory(1).activeData(0, code(I32_CONST, 0, END)).activeData(0, code(F32_CONST, 0f, END)).assertInvalid("type mismatch");
        assertTrue(e.location().contains("data segment 1"), e.location());
    }

    @Test
    void malformedExpressionsAreReportedAsMalformed() {
        // no end
        assertThrows(MalformedModuleException.class, () -> Validator.validate(module().global(I32, false, I32_CONST, 0).build()));
        // truncated immediate
        assertThrows(MalformedModuleException.class,
                        () -> Validator.validate(module().global(I32, false, I32_CONST, new byte[]{(byte) 0x80}).build()));
        // code after the end
        assertThrows(MalformedModuleException.class, () -> Validator.validate(module().global(I32, false, I32_CONST, 0, END, NOP).build()));
    }
}
