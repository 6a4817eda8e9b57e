package dev.twasm.text;

import dev.twasm.model.HeapType;
import dev.twasm.model.ValType;
import dev.twasm.text.script.VectorShape;

/**
 * The keywords of the text format and of the script format that are not instruction mnemonics
 * (spec §6.2.2 "Tokens"; instruction mnemonics are {@link dev.twasm.model.Opcode}s). A keyword token
 * that is neither a {@code Keyword} nor a mnemonic is reported as "unknown operator", as the
 * reference interpreter's lexer does.
 */
enum Keyword {
    MODULE("module"),
    TYPE("type"),
    FUNC("func"),
    PARAM("param"),
    RESULT("result"),
    LOCAL("local"),
    GLOBAL("global"),
    MUT("mut"),
    TABLE("table"),
    MEMORY("memory"),
    ELEM("elem"),
    DATA("data"),
    DECLARE("declare"),
    OFFSET("offset"),
    ITEM("item"),
    IMPORT("import"),
    EXPORT("export"),
    START("start"),
    THEN("then"),
    /** After a memory's limits (threads proposal): {@code (memory 1 2 shared)}. */
    SHARED("shared"),
    I32("i32", ValType.I32),
    I64("i64", ValType.I64),
    F32("f32", ValType.F32),
    F64("f64", ValType.F64),
    V128("v128", ValType.V128),
    FUNCREF("funcref", ValType.FUNCREF),
    EXTERNREF("externref", ValType.EXTERNREF),
    EXTERN("extern"),
    EXNREF("exnref", ValType.EXNREF),
    /** The heap type of {@code ref.null exn}. */
    EXN("exn"),
    /** Typed function references: {@code (ref null? heaptype)}, the other abstract heap types and the shorthands. */
    REF("ref"),
    NULL("null"),
    NOFUNC("nofunc"),
    NOEXTERN("noextern"),
    NOEXN("noexn"),
    ANY("any"),
    EQ("eq"),
    I31("i31"),
    STRUCT("struct"),
    ARRAY("array"),
    NONE("none"),
    NULLFUNCREF("nullfuncref", ValType.NULLFUNCREF),
    NULLEXTERNREF("nullexternref", ValType.NULLEXTERNREF),
    NULLEXNREF("nullexnref", ValType.NULLEXNREF),
    ANYREF("anyref", ValType.ref(true, HeapType.ANY)),
    EQREF("eqref", ValType.ref(true, HeapType.EQ)),
    I31REF("i31ref", ValType.ref(true, HeapType.I31)),
    STRUCTREF("structref", ValType.ref(true, HeapType.STRUCT)),
    ARRAYREF("arrayref", ValType.ref(true, HeapType.ARRAY)),
    NULLREF("nullref", ValType.ref(true, HeapType.NONE)),
    TAG("tag"),
    /** Recursive types (GC): {@code (rec (type ...)*)}, {@code (sub final? typeidx* comptype)}, fields, packed types. */
    REC("rec"),
    SUB("sub"),
    FINAL("final"),
    FIELD("field"),
    I8("i8"),
    I16("i16"),
    /** The instructions of a folded legacy {@code try}: {@code (try bt (do instr*) handler*)}. */
    DO("do"),
    /** Catch clauses of {@code try_table} that are no instruction mnemonics ({@code catch}, {@code catch_all} are). */
    CATCH_REF("catch_ref"),
    CATCH_ALL_REF("catch_all_ref"),
    BINARY("binary"),
    QUOTE("quote"),
    DEFINITION("definition"),
    INSTANCE("instance"),
    REGISTER("register"),
    INVOKE("invoke"),
    GET("get"),
    ASSERT_RETURN("assert_return"),
    ASSERT_TRAP("assert_trap"),
    ASSERT_EXHAUSTION("assert_exhaustion"),
    ASSERT_MALFORMED("assert_malformed"),
    ASSERT_INVALID("assert_invalid"),
    ASSERT_MALFORMED_CUSTOM("assert_malformed_custom"),
    ASSERT_INVALID_CUSTOM("assert_invalid_custom"),
    ASSERT_UNLINKABLE("assert_unlinkable"),
    ASSERT_UNINSTANTIABLE("assert_uninstantiable"),
    ASSERT_EXCEPTION("assert_exception"),
    SCRIPT("script"),
    INPUT("input"),
    OUTPUT("output"),
    EITHER("either"),
    NAN_CANONICAL("nan:canonical"),
    NAN_ARITHMETIC("nan:arithmetic"),
    REF_EXTERN("ref.extern"),
    REF_HOST("ref.host"),
    I8X16(VectorShape.I8X16),
    I16X8(VectorShape.I16X8),
    I32X4(VectorShape.I32X4),
    I64X2(VectorShape.I64X2),
    F32X4(VectorShape.F32X4),
    F64X2(VectorShape.F64X2);

    private final String text;
    private final ValType valType;
    private final VectorShape shape;

    Keyword(String text) {
        this(text, null, null);
    }

    Keyword(String text, ValType valType) {
        this(text, valType, null);
    }

    /** A vector shape, the first immediate of {@code v128.const}. */
    Keyword(VectorShape shape) {
        this(shape.text(), null, shape);
    }

    private Keyword(String text, ValType valType, VectorShape shape) {
        this.text = text;
        this.valType = valType;
        this.shape = shape;
    }

    String text() {
        return text;
    }

    /** The value type this keyword names, or null. */
    ValType valType() {
        return valType;
    }

    /** The vector shape this keyword names, or null. */
    VectorShape shape() {
        return shape;
    }
}
