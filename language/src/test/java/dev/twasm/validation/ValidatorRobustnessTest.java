package dev.twasm.validation;

import static dev.twasm.model.Opcode.*;
import static dev.twasm.model.ValType.*;
import static dev.twasm.validation.Code.VOID;
import static dev.twasm.validation.TestModule.module;
import static dev.twasm.validation.TestModule.returns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twasm.binary.BinaryOutput;
import dev.twasm.binary.Types;
import dev.twasm.exception.ModuleException;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Expr;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.Global;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The validator's guarantees on hostile input: only module exceptions escape, nesting depth is not
 * limited by the Java stack, the operand stack is bounded, and time is linear in the body size.
 */
class ValidatorRobustnessTest {
    private static final ValType[] ALL_TYPES = {I32, I64, F32, F64, FUNCREF, EXTERNREF};

    @Test
    void largeBodiesValidateInLinearTime() {
        // about 1 MB of straight-line code: i32.const 1; i32.const 2; i32.add; drop
        Object[] body = Code.concat(Code.repeat(175_000, I32_CONST, 1, I32_CONST, 2, I32_ADD, DROP), new Object[]{END});
        Module straight = module().func(returns(), body).build();
        assertTrue(straight.functions().get(0).body().code().length > 1_000_000);
        // about 1 MB of nesting: 250,000 blocks deep
        Object[] nested = Code.concat(Code.repeat(250_000, BLOCK, VOID), Code.repeat(250_001, END));
        Module deep = module().func(returns(), nested).build();
        // about 1 MB of branches to many labels
        Object[] branches = Code.concat(Code.repeat(1000, BLOCK, VOID), Code.repeat(60_000, I32_CONST, 0, BR_TABLE, new int[]{1, 5, 999}, 7),
                        Code.repeat(1001, END));
        Module table = module().func(returns(), branches).build();

        for (Module m : new Module[]{straight, deep, table}) {
            Validator.validate(m); // warm up
            long start = System.nanoTime();
            ValidationResult r = Validator.analyze(m);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1000, "validating a 1 MB body took " + millis + " ms");
            assertTrue(r.function(0).maxOperandHeight() <= 2);
        }
        assertEquals(250_001, Validator.analyze(deep).function(0).maxControlDepth());
    }

    @Test
    void operandStackIsBoundedByAnImplementationLimit() {
        BinaryOutput body = new BinaryOutput();
        for (int i = 0; i <= OperandStack.MAX_HEIGHT; i++) {
            body.writeByte(I32_CONST.code()).writeByte(0);
        }
        body.writeByte(END.code());
        module().func(returns(), body.toByteArray()).assertInvalid("operand stack exceeds");
        // a deep but legal stack is fine
        Object[] ok = Code.concat(Code.repeat(10_000, I32_CONST, 0), Code.repeat(10_000, DROP), new Object[]{END});
        module().func(returns(), ok).assertValid();
    }

    @Test
    void randomInstructionSequencesOnlyRaiseModuleExceptions() {
        Random random = new Random(42);
        // Vector instructions are half the table; drawn as often as the rest, they would leave few
        // random bodies valid (they need v128 operands), so the scalar ones are drawn 3 times in 4.
        Opcode[] scalar = java.util.Arrays.stream(Opcode.values()).filter(op -> !op.isVector()).toArray(Opcode[]::new);
        Opcode[] vector = java.util.Arrays.stream(Opcode.values()).filter(Opcode::isVector).toArray(Opcode[]::new);
        int valid = 0;
        for (int round = 0; round < 50_000; round++) {
            BinaryOutput out = new BinaryOutput();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                Opcode[] ops = random.nextInt(4) == 0 ? vector : scalar;
                Opcode op = ops[random.nextInt(ops.length)];
                writeRandomInstruction(out, op, random);
            }
            if (random.nextInt(4) != 0) {
                out.writeByte(END.code());
            }
            if (check(fuzzModule(out.toByteArray(), random))) {
                valid++;
            }
        }
        assertTrue(valid > 20, "too few random bodies were valid (" + valid + "): the generator is too weak");
    }

    @Test
    void mutatedValidBodiesOnlyRaiseModuleExceptions() {
        byte[][] seeds = {
            Code.bytes(I32_CONST, 1, I32_CONST, 2, I32_ADD, DROP, END),
            Code.bytes(BLOCK, VOID, LOOP, VOID, I32_CONST, 0, BR_IF, 1, LOCAL_GET, 0, BR_TABLE, new int[]{0, 1}, 0, END, END, END),
            Code.bytes(I32_CONST, 1, IF, 1, I32_CONST, 1, I32_ADD, ELSE, DROP, I32_CONST, 2, END, DROP, END),
            Code.bytes(I32_CONST, 0, I64_LOAD, 3, 0, I64_CONST, 1L, I64_ADD, DROP, MEMORY_SIZE, 0, DROP, END),
            Code.bytes(REF_FUNC, 0, REF_IS_NULL, DROP, I32_CONST, 0, TABLE_GET, 0, DROP, TABLE_SIZE, 1, DROP, END),
            Code.bytes(UNREACHABLE, SELECT, F32_CONST, 1f, SELECT_T, new ValType[]{F64}, CALL_INDIRECT, 2, 0, RETURN, END),
        };
        Random random = new Random(11);
        int valid = 0;
        for (int round = 0; round < 10_000; round++) {
            byte[] code = seeds[random.nextInt(seeds.length)].clone();
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(code.length);
                switch (random.nextInt(3)) {
                    case 0 -> code[at] = (byte) random.nextInt(256);
                    case 1 -> code[at] = (byte) (code[at] ^ (1 << random.nextInt(8)));
                    default -> code = java.util.Arrays.copyOf(code, Math.max(1, at));
                }
            }
            if (check(fuzzModule(code, random))) {
                valid++;
            }
        }
        assertTrue(valid > 100, "too few mutated bodies were valid (" + valid + ")");
    }

    @Test
    void randomBytesOnlyRaiseModuleExceptions() {
        Random random = new Random(7);
        for (int round = 0; round < 10_000; round++) {
            byte[] code = new byte[1 + random.nextInt(24)];
            random.nextBytes(code);
            if (random.nextBoolean()) {
                code[code.length - 1] = (byte) END.code();
            }
            check(fuzzModule(code, random));
        }
    }

    @Test
    void randomConstantExpressionsOnlyRaiseModuleExceptions() {
        Random random = new Random(3);
        Opcode[] ops = Opcode.values();
        for (int round = 0; round < 10_000; round++) {
            BinaryOutput out = new BinaryOutput();
            for (int i = random.nextInt(3); i >= 0; i--) {
                writeRandomInstruction(out, ops[random.nextInt(ops.length)], random);
            }
            out.writeByte(END.code());
            Expr expr = new Expr(out.toByteArray(), 0);
            ValType type = ALL_TYPES[random.nextInt(ALL_TYPES.length)];
            Module.Builder b = Module.builder();
            b.addType(FuncType.EMPTY);
            b.addImport(new Import("m", "g", new ImportDesc.Global(new GlobalType(type, false))));
            b.addFunction(new Function(0, new ValType[0], Code.code(END)));
            b.addGlobal(new Global(new GlobalType(type, false), expr));
            b.addTable(new TableType(FUNCREF, new Limits(1, 1)));
            b.addMemory(new MemoryType(new Limits(1, 1)));
            b.addElem(new ElemSegment(SegmentMode.ACTIVE, FUNCREF, 0, expr, new Expr[]{expr}));
            b.addData(new DataSegment(SegmentMode.ACTIVE, 0, expr, new byte[0]));
            check(b.build());
        }
    }

    /** Validates; true if valid, false on a module exception, test failure on anything else. */
    private static boolean check(Module m) {
        try {
            Validator.validate(m);
            return true;
        } catch (ModuleException e) {
            return false;
        } catch (Throwable t) {
            fail("validation threw " + t, t);
            return false;
        }
    }

    /** A module with a bit of everything for random bodies to refer to. */
    private static Module fuzzModule(byte[] code, Random random) {
        Module.Builder b = Module.builder();
        b.addType(FuncType.EMPTY);
        b.addType(FuncType.of(new ValType[]{I32}, I32));
        b.addType(FuncType.of(new ValType[]{I32, I64}, F32, F64));
        b.addTable(new TableType(FUNCREF, new Limits(1, 1)));
        b.addTable(new TableType(EXTERNREF, new Limits(1, 1)));
        if (random.nextBoolean()) {
            b.addMemory(new MemoryType(new Limits(1, 1)));
        }
        b.addGlobal(new Global(new GlobalType(I32, true), Code.code(I32_CONST, 0, END)));
        b.addElem(new ElemSegment(SegmentMode.DECLARATIVE, FUNCREF, 0, null,
                        new Expr[]{Code.code(REF_FUNC, 0, END)}));
        b.addData(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[0]));
        b.addFunction(new Function(random.nextInt(3), new ValType[]{I32, F64, EXTERNREF}, new Expr(code, 0)));
        return b.build();
    }

    private static void writeRandomInstruction(BinaryOutput out, Opcode op, Random random) {
        if (op.prefix() < 0) {
            out.writeByte(op.code());
        } else {
            out.writeByte(op.prefix());
            out.writeU32(op.subopcode());
        }
        switch (op.immediates()) {
            case NONE -> {
            }
            case BLOCK_TYPE -> {
                int kind = random.nextInt(3);
                if (kind == 0) {
                    out.writeByte(Types.EMPTY_BLOCK);
                } else if (kind == 1) {
                    Types.write(out, ALL_TYPES[random.nextInt(ALL_TYPES.length)]);
                } else {
                    out.writeSigned(random.nextInt(4));
                }
            }
            case BR_TABLE -> {
                int n = random.nextInt(3);
                out.writeU32(n);
                for (int i = 0; i <= n; i++) {
                    out.writeU32(random.nextInt(3));
                }
            }
            case SELECT_TYPES -> {
                int n = random.nextInt(3);
                out.writeU32(n);
                for (int i = 0; i < n; i++) {
                    Types.write(out, ALL_TYPES[random.nextInt(ALL_TYPES.length)]);
                }
            }
            case MEMARG -> {
                out.writeU32(random.nextInt(4));
                out.writeU32(random.nextInt(100));
            }
            case MEMORY, MEMORY_COPY -> {
                out.writeByte(0);
                if (op.immediates() == Opcode.Immediates.MEMORY_COPY) {
                    out.writeByte(0);
                }
            }
            case MEMORY_INIT -> {
                out.writeU32(random.nextInt(2));
                out.writeByte(0);
            }
            case I32 -> out.writeSigned(random.nextInt());
            case I64 -> out.writeSigned(random.nextLong());
            case F32 -> out.writeF32Bits(random.nextInt());
            case F64 -> out.writeF64Bits(random.nextLong());
            case REF_TYPE -> Types.writeHeapType(out, random.nextBoolean() ? FUNCREF : EXTERNREF);
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                out.writeU32(random.nextInt(3));
                out.writeU32(random.nextInt(3));
            }
            case V128, SHUFFLE -> {
                for (int i = 0; i < 16; i++) {
                    out.writeByte(random.nextInt(40));
                }
            }
            case LANE -> out.writeByte(random.nextInt(20));
            case MEMARG_LANE -> {
                out.writeU32(random.nextInt(4));
                out.writeU32(random.nextInt(100));
                out.writeByte(random.nextInt(20));
            }
            default -> out.writeU32(random.nextInt(4));
        }
    }
}
