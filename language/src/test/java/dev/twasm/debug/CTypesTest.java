package dev.twasm.debug;

import dev.twasm.model.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The variables of {@code tests/debug-programs/types.c} (types-O0.wasm, -g -O0, no libc): each C
 * type's name, size and encoding, and the location forms clang gives them, as
 * {@code llvm-dwarfdump-16 --debug-info} shows them.
 */
class CTypesTest {
    private static final int CODE = 0x53;
    private final Module module = DebugInfoTest.decode(DebugInfoTest.programBytes("types-O0.wasm"));
    private final DebugInfo info = DebugInfo.of(module);
    private final Subprogram work = info.subprogramAt(CODE + 0x10);
    private final Map<String, Variable> variables = work.variables().stream().collect(Collectors.toMap(Variable::name, v -> v));

    private VariableType type(String variable) {
        return variables.get(variable).type();
    }

    @Test
    void theFunction() {
        assertEquals(CODE, module.codeSectionOffset());
        assertEquals("work", work.name());
        assertEquals(new SourceFile("types.c"), work.file());
        assertEquals(CODE + 0x3, work.lowModuleOffset());
        assertEquals(CODE + 0x274, work.highModuleOffset());
        assertEquals(new FrameBase.WasmLocal(11), work.frameBase());
        assertEquals(List.of("calls", "name", "n", "f", "flag", "c", "p", "col", "s", "uc", "numbers", "big", "pointer", "d", "inner"),
                        work.variables().stream().map(Variable::name).toList());
        assertEquals(List.of("name", "n", "f", "flag", "c", "p", "col", "s", "uc"),
                        work.variables().stream().filter(Variable::parameter).map(Variable::name).toList());
    }

    /** Base types, typedefs, qualifiers, pointers, aggregates; an enum reads as its underlying type. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
                    n       | u32                | 4  | UNSIGNED
                    f       | float              | 4  | FLOAT
                    d       | double             | 8  | FLOAT
                    flag    | _Bool              | 1  | BOOLEAN
                    c       | char               | 1  | SIGNED_CHAR
                    uc      | unsigned char      | 1  | UNSIGNED_CHAR
                    s       | short              | 2  | SIGNED
                    big     | volatile long long | 8  | SIGNED
                    name    | const char *       | 4  | POINTER
                    pointer | const u32 *        | 4  | POINTER
                    p       | struct point       | 8  | OTHER
                    numbers | int[3]             | 12 | OTHER
                    col     | enum color         | 4  | UNSIGNED
                    """)
    void types(String variable, String name, int size, VariableType.Encoding encoding) {
        assertEquals(new VariableType(name, size, encoding), variables.get(variable).type());
    }

    @Test
    void enumValue() {
        assertEquals(5L, variables.get("col").type().decode(new byte[]{5, 0, 0, 0}));
    }

    @Test
    void locations() {
        assertEquals(new Location.FrameOffset(76), variables.get("name").location());
        assertEquals(new Location.FrameOffset(57), variables.get("uc").location());
        // a struct passed by value: DW_OP_WASM_location 0x0 0x5 without DW_OP_stack_value, its address in local 5
        assertEquals(new Location.Unknown("in memory at the address in Wasm local 5"), variables.get("p").location());
        // the block of { int inner = ...; } at [0x119, 0x156)
        Variable inner = variables.get("inner");
        assertEquals(CODE + 0x119, inner.scopeLowModuleOffset());
        assertEquals(CODE + 0x156, inner.scopeHighModuleOffset());
        // a static local: DW_OP_addr 0x41c
        assertEquals(new Location.MemoryAddress(0x41c), variables.get("calls").location());
    }
}
