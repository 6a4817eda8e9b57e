package dev.twasm.component.abi;

import dev.twasm.component.Component;
import dev.twasm.component.ComponentDecoder;
import dev.twasm.component.ComponentImport;
import dev.twasm.component.Declaration;
import dev.twasm.component.ExternDesc;
import dev.twasm.component.FuncType;
import dev.twasm.component.InstanceType;
import dev.twasm.component.TypeDefinition;
import dev.twasm.component.abi.Layout.Direction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static dev.twasm.component.abi.FlatType.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout of the functions that {@code tests/components/hello.wasm} imports, with type indices
 * resolved in the instance types the decoder gives.
 */
class HelloComponentLayoutTest {
    private static Component hello() throws IOException {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("tests/components/hello.wasm");
            if (Files.exists(p)) {
                return ComponentDecoder.decode(Files.readAllBytes(p));
            }
        }
        throw new IOException("tests/components/hello.wasm not found");
    }

    private static InstanceType imported(Component c, String name) {
        ComponentImport i = c.imports().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return assertInstanceOf(InstanceType.class, c.definedType(((ExternDesc.Instance) i.desc()).typeIndex()));
    }

    private static FuncType function(InstanceType type, String name) {
        int index = ((ExternDesc.Func) type.export(name).orElseThrow().desc()).typeIndex();
        return assertInstanceOf(FuncType.class, ((Declaration.TypeDecl) type.typeSpace().get(index)).type());
    }

    @Test
    void blockingWriteAndFlush() throws IOException {
        InstanceType streams = imported(hello(), "wasi:io/streams@0.2.0");
        FuncType write = function(streams, "[method]output-stream.blocking-write-and-flush");
        Layout layout = Layout.of(streams);
        // result<_, stream-error>: 12 bytes, aligned to 4, three i32s
        assertEquals(12, layout.size(write.result()));
        assertEquals(4, layout.alignment(write.result()));
        assertEquals(List.of(I32, I32, I32), layout.flatten(write.result()));
        FlatFuncType lowered = layout.flattenFunc(write, Direction.LOWER);
        assertEquals(List.of(I32, I32, I32, I32), lowered.params());
        assertEquals(List.of(), lowered.results());
    }

    @Test
    void getStdout() throws IOException {
        InstanceType stdout = imported(hello(), "wasi:cli/stdout@0.2.0");
        FlatFuncType lowered = Layout.of(stdout).flattenFunc(function(stdout, "get-stdout"), Direction.LOWER);
        assertEquals(List.of(), lowered.params());
        assertEquals(List.of(I32), lowered.results());
    }

    @Test
    void componentLevelFunctionTypes() throws IOException {
        Component c = hello();
        Layout layout = Layout.of(c);
        List<FlatFuncType> lifted = c.definitions(TypeDefinition.class).stream()
                        .filter(d -> d.type() instanceof FuncType)
                        .map(d -> layout.flattenFunc((FuncType) d.type(), Direction.LIFT))
                        .toList();
        // wasi:cli/run's run: func() -> result
        assertTrue(lifted.contains(new FlatFuncType(List.of(), List.of(I32), false, false)), lifted::toString);
    }
}
