package dev.twasm.component;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Module;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Decodes {@code tests/components/hello.wasm} (made from {@code hello.wat} by {@code build.sh},
 * that is by wasm-tools' encoder) and hand-made components, and checks that malformed input of
 * every kind is a {@link MalformedModuleException}.
 */
class ComponentDecoderTest {
    private static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

    static byte[] hello() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                dir = d;
                break;
            }
        }
        try {
            return Files.readAllBytes(dir.resolve("tests/components/hello.wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MalformedModuleException malformed(byte[] bytes) {
        return assertThrows(MalformedModuleException.class, () -> ComponentDecoder.decode(bytes));
    }

    /** Decodes or fails with a MalformedModuleException, nothing else. */
    private static void decodesOrMalformed(byte[] bytes, String what) {
        try {
            ComponentDecoder.decode(bytes);
        } catch (MalformedModuleException e) {
            assertFalse(e.reason().isEmpty());
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        }
    }

    private static byte[] leb(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] section(int id, byte[] contents) {
        return concat(bytes(id), leb(contents.length), contents);
    }

    private static byte[] component(byte[]... sections) {
        return concat(PREAMBLE, concat(sections));
    }

    private static InstanceType instanceType(Component c, ComponentImport i) {
        ExternDesc.Instance desc = assertInstanceOf(ExternDesc.Instance.class, i.desc());
        return assertInstanceOf(InstanceType.class, c.definedType(desc.typeIndex()));
    }

    @Test
    void helloImportsAndExports() {
        Component c = ComponentDecoder.decode(hello());
        assertEquals(List.of("wasi:io/error@0.2.0", "wasi:io/streams@0.2.0", "wasi:cli/stdout@0.2.0"), c.imports().stream().map(ComponentImport::name).toList());
        for (ComponentImport i : c.imports()) {
            assertInstanceOf(ExternDesc.Instance.class, i.desc());
            assertEquals(Sort.INSTANCE, i.desc().sort());
        }
        assertEquals(new InterfaceName("wasi", "io", "streams", "0.2.0"), c.imports().get(1).interfaceName().orElseThrow());
        assertEquals("wasi:io", c.imports().get(1).interfaceName().orElseThrow().packageId());

        assertEquals(1, c.exports().size());
        ComponentExport run = c.exports().getFirst();
        assertEquals("wasi:cli/run@0.2.0", run.name());
        assertEquals(Sort.INSTANCE, run.target().sort());
        assertEquals("run", run.interfaceName().orElseThrow().interfaceName());
        // the export is itself the last instance index
        assertEquals(run, c.space(Sort.INSTANCE).getLast());
        assertInstanceOf(ComponentInstance.FromExports.class, c.space(Sort.INSTANCE).get(run.target().index()));
        assertEquals("component-name", c.definitions(CustomSection.class).getFirst().name());
    }

    @Test
    void helloStreamsInstanceType() {
        Component c = ComponentDecoder.decode(hello());
        InstanceType streams = instanceType(c, c.imports().get(1));
        assertEquals(List.of("output-stream", "error", "stream-error", "[method]output-stream.blocking-write-and-flush"),
                        streams.exports().stream().map(Declaration.ExportDecl::name).toList());
        assertEquals(new ExternDesc.Type(new ExternDesc.SubResource()), streams.export("output-stream").orElseThrow().desc());
        assertInstanceOf(Declaration.AliasDecl.class, streams.typeSpace().get(1));

        ExternDesc.Func method = assertInstanceOf(ExternDesc.Func.class, streams.export("[method]output-stream.blocking-write-and-flush").orElseThrow().desc());
        Declaration.TypeDecl decl = assertInstanceOf(Declaration.TypeDecl.class, streams.typeSpace().get(method.typeIndex()));
        FuncType type = assertInstanceOf(FuncType.class, decl.type());
        TypeNames names = streams.typeNames();
        assertEquals(List.of("self", "contents"), type.params().stream().map(ValType.Field::label).toList());
        assertEquals(List.of("borrow<output-stream>", "list<u8>"), type.params().stream().map(p -> p.type().witName(names)).toList());
        assertEquals("result<_, stream-error>", type.result().witName(names));
        assertEquals("func(self: borrow<output-stream>, contents: list<u8>) -> result<_, stream-error>", type.witName(names));
        // without names, indices stay indices
        assertEquals("type 6", type.params().getFirst().type().witName());

        InstanceType stdout = instanceType(c, c.imports().get(2));
        ExternDesc.Func getStdout = assertInstanceOf(ExternDesc.Func.class, stdout.export("get-stdout").orElseThrow().desc());
        FuncType getStdoutType = (FuncType) ((Declaration.TypeDecl) stdout.typeSpace().get(getStdout.typeIndex())).type();
        assertEquals("func() -> output-stream", getStdoutType.witName(stdout.typeNames()));
    }

    @Test
    void helloCoreModulesDecode() {
        byte[] bytes = hello();
        Component c = ComponentDecoder.decode(bytes);
        List<CoreModule> modules = c.coreModules();
        assertEquals(2, modules.size());
        assertEquals(modules, c.space(Sort.CORE_MODULE));
        Module memory = BinaryDecoder.decode(Arrays.copyOfRange(bytes, modules.get(0).offset(), modules.get(0).offset() + modules.get(0).length()));
        assertEquals("memory", memory.exports().getFirst().name());
        Module main = BinaryDecoder.decode(Arrays.copyOfRange(bytes, modules.get(1).offset(), modules.get(1).offset() + modules.get(1).length()));
        assertEquals(4, main.imports().size());
        assertEquals("run", main.exports().getFirst().name());
    }

    @Test
    void helloCanonsAndInstances() {
        Component c = ComponentDecoder.decode(hello());
        List<Canon> canons = c.canons();
        assertEquals(List.of(Canon.Lower.class, Canon.Lower.class, Canon.ResourceDrop.class, Canon.Lift.class), canons.stream().map(Object::getClass).toList());
        Canon.Lower write = (Canon.Lower) canons.get(1);
        assertTrue(write.options().stream().anyMatch(o -> o instanceof Canon.Memory));
        assertFalse(((Canon.ResourceDrop) canons.get(2)).async());
        Canon.Lift lift = (Canon.Lift) canons.get(3);
        FuncType runType = assertInstanceOf(FuncType.class, c.definedType(lift.typeIndex()));
        assertEquals("func() -> result", runType.witName(c.typeNames()));
        assertEquals(3, c.space(Sort.CORE_FUNC).stream().filter(d -> d instanceof Canon).count());

        List<CoreInstance> coreInstances = c.definitions(CoreInstance.class);
        assertEquals(3, coreInstances.size());
        CoreInstance.Instantiate main = assertInstanceOf(CoreInstance.Instantiate.class, coreInstances.get(2));
        assertEquals(List.of("env", "wasi"), main.args().stream().map(CoreInstance.Arg::name).toList());
        CoreInstance.FromExports wasi = assertInstanceOf(CoreInstance.FromExports.class, coreInstances.get(1));
        assertEquals(List.of("get-stdout", "write", "drop"), wasi.exports().stream().map(CoreInstance.Export::name).toList());
    }

    @Test
    void definedValueTypesInWit() {
        byte[] types = concat(bytes(5),
                        bytes(0x72, 2, 1, 'a', 0x7d, 1, 'b', 0x73), // 0: record { a: u8, b: string }
                        bytes(0x6d, 2, 1, 'x', 1, 'y'), // 1: enum { x, y }
                        bytes(0x70, 0x00), // 2: list<type 0>
                        bytes(0x6b, 0x01), // 3: option<type 1>
                        bytes(0x6a, 0x01, 0x02, 0x00)); // 4: result<type 2>
        byte[] exports = concat(bytes(1, 0x00, 1, 'e', 0x03, 1, 0x00));
        Component c = ComponentDecoder.decode(component(section(7, types), section(11, exports)));
        TypeNames names = c.typeNames();
        assertEquals("record { a: u8, b: string }", ((ValType) c.definedType(0)).witName(names));
        assertEquals("option<e>", ((ValType) c.definedType(3)).witName(names));
        assertEquals("result<list<record { a: u8, b: string }>>", ((ValType) c.definedType(4)).witName(names));
        assertEquals(6, c.space(Sort.TYPE).size());
    }

    @Test
    void selfReferentialTypeIndicesStayFinite() {
        // type 0 = list<type 0>: invalid, but printing it must not recurse for ever
        Component c = ComponentDecoder.decode(component(section(7, bytes(1, 0x70, 0x00))));
        String wit = ((ValType) c.definedType(0)).witName(c.typeNames());
        assertTrue(wit.startsWith("list<list<") && wit.endsWith("type 0" + ">".repeat(TypeNames.MAX_DEPTH + 1)), wit);
    }

    @Test
    void nestedComponentsAndResources() {
        byte[] inner = component(section(7, bytes(1, 0x3f, 0x7f, 0x01, 0x00)), section(8, bytes(3, 0x02, 0x00, 0x03, 0x00, 0x07, 0x00)));
        Component c = ComponentDecoder.decode(component(section(4, inner), section(4, component())));
        assertEquals(2, c.components().size());
        Component first = c.components().getFirst();
        assertEquals(0, ((DefType.Resource) first.definedType(0)).destructor().getAsInt());
        assertEquals(List.of(new Canon.ResourceNew(0), new Canon.ResourceDrop(0, false), new Canon.ResourceDrop(0, true)), first.canons());
        assertTrue(c.components().get(1).definitions().isEmpty());
    }

    @Test
    void truncationsAreMalformed() {
        byte[] bytes = hello();
        Set<Integer> boundaries = new HashSet<>();
        int pos = 8;
        boundaries.add(pos);
        while (pos < bytes.length) {
            pos++;
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = bytes[pos++] & 0xff;
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            pos += (int) size;
            boundaries.add(pos);
        }
        assertEquals(bytes.length, pos);
        for (int n = 0; n < bytes.length; n++) {
            byte[] prefix = Arrays.copyOf(bytes, n);
            if (boundaries.contains(n)) {
                decodesOrMalformed(prefix, "prefix of " + n);
            } else {
                MalformedModuleException e = malformed(prefix);
                assertTrue(e.getMessage().contains("at byte offset"), e.getMessage());
            }
        }
    }

    @Test
    void mutationsAreMalformedOrDecode() {
        byte[] bytes = hello();
        for (int i = 0; i < bytes.length; i++) {
            for (int v : new int[]{0x00, 0x01, 0x7f, 0x80, 0xff, bytes[i] + 1}) {
                byte[] mutated = bytes.clone();
                mutated[i] = (byte) v;
                decodesOrMalformed(mutated, "byte " + i + " set to " + v);
            }
        }
    }

    @Test
    void garbageIsMalformed() {
        Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            byte[] tail = new byte[random.nextInt(64)];
            random.nextBytes(tail);
            if (i % 2 == 0 && tail.length > 0) {
                tail[0] = (byte) random.nextInt(12); // a valid section id, to reach the section decoders
            }
            decodesOrMalformed(concat(PREAMBLE, tail), "garbage " + i);
        }
        assertEquals("magic header not detected", malformed(bytes(1, 2, 3, 4, 5, 6, 7, 8)).reason());
    }

    @Test
    void badSectionId() {
        byte[] bytes = concat(hello(), bytes(13, 0));
        MalformedModuleException e = malformed(bytes);
        assertEquals("malformed section id 13", e.reason());
        assertTrue(e.getMessage().contains("at byte offset " + hello().length), e.getMessage());
    }

    @Test
    void trailingBytesInSection() {
        MalformedModuleException e = malformed(component(section(11, bytes(0, 0))));
        assertTrue(e.reason().startsWith("section size mismatch"), e.reason());
        assertTrue(e.getMessage().contains("at byte offset 11"), e.getMessage());
    }

    @Test
    void lengthOutOfBounds() {
        assertEquals("length out of bounds", malformed(component(bytes(7, 0x7f, 1))).reason());
        assertEquals("length out of bounds", malformed(component(section(7, bytes(0x7f)))).reason());
    }

    @Test
    void badUtf8Name() {
        // import "\xff" (instance (type 0))
        MalformedModuleException e = malformed(component(section(10, bytes(1, 0x00, 1, 0xff, 0x05, 0x00))));
        assertEquals("malformed UTF-8 encoding", e.reason());
    }

    @Test
    void badOpcodes() {
        assertEquals("malformed type 0x50", malformed(component(section(7, bytes(1, 0x50)))).reason());
        assertEquals("malformed extern description 0x06", malformed(component(section(10, bytes(1, 0x00, 1, 'a', 0x06, 0x00)))).reason());
        assertEquals("malformed alias target 0x03", malformed(component(section(6, bytes(1, 0x03, 0x03, 0, 0)))).reason());
        assertEquals("malformed sort 0x06", malformed(component(section(11, bytes(1, 0x00, 1, 'a', 0x06, 0x00, 0x00)))).reason());
        MalformedModuleException async = malformed(component(section(8, bytes(1, 0x09, 0x00))));
        assertTrue(async.reason().contains("unsupported") && async.reason().contains("component model async"), async.reason());
    }

    @Test
    void coreModuleIsNotAComponent() {
        MalformedModuleException e = malformed(bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
        assertTrue(e.reason().startsWith("not a component"), e.reason());
        assertTrue(ComponentDecoder.isComponent(hello()));
    }

    @Test
    void deepNestingIsBounded() {
        byte[] c = component();
        for (int i = 0; i < 2 * ComponentDecoder.MAX_NESTING; i++) {
            c = component(section(4, c));
        }
        byte[] deep = c;
        assertTrue(malformed(deep).reason().contains("nested too deeply"));
        // instance types nested in component types nested in ...
        byte[] t = bytes(0x42, 0);
        for (int i = 0; i < 2 * ComponentDecoder.MAX_NESTING; i++) {
            t = concat(bytes(0x41, 1, 0x01), t);
        }
        byte[] nestedTypes = component(section(7, concat(bytes(1), t)));
        assertTrue(malformed(nestedTypes).reason().contains("nested too deeply"));
    }

    @Test
    void importsOfEveryKind() {
        List<byte[]> imports = new ArrayList<>();
        imports.add(bytes(0x00, 1, 'm', 0x00, 0x11, 0x00));
        imports.add(bytes(0x00, 1, 'f', 0x01, 0x00));
        imports.add(bytes(0x00, 1, 'v', 0x02, 0x01, 0x73));
        imports.add(bytes(0x00, 1, 't', 0x03, 0x00, 0x00));
        imports.add(bytes(0x00, 1, 'c', 0x04, 0x00));
        imports.add(bytes(0x01, 1, 'i', 0x05, 0x00));
        Component c = ComponentDecoder.decode(component(section(10, concat(bytes(imports.size()), concat(imports.toArray(byte[][]::new))))));
        assertEquals(List.of(new ExternDesc.CoreModule(0), new ExternDesc.Func(0), new ExternDesc.Value(new ExternDesc.OfType(ValType.Primitive.STRING)),
                        new ExternDesc.Type(new ExternDesc.Eq(0)), new ExternDesc.Component(0), new ExternDesc.Instance(0)),
                        c.imports().stream().map(ComponentImport::desc).toList());
        for (Sort s : List.of(Sort.CORE_MODULE, Sort.FUNC, Sort.VALUE, Sort.TYPE, Sort.COMPONENT, Sort.INSTANCE)) {
            assertEquals(1, c.space(s).size(), s.textName());
        }
        assertNull(c.definedType(0));
        if (c.imports().get(0).interfaceName().isPresent()) {
            fail("a plain name has no interface form");
        }
    }

    @Test
    void coreTypes() {
        byte[] types = bytes(2, 0x60, 1, 0x7f, 0, // (func (param i32))
                        0x50, 2, 0x00, 1, 'a', 1, 'b', 0x00, 0x00, 0x03, 1, 'f', 0x00, 0x00); // (module (import "a" "b" (func (type 0))) (export "f" (func (type 0))))
        Component c = ComponentDecoder.decode(component(section(3, types)));
        assertEquals(2, c.space(Sort.CORE_TYPE).size());
        CoreType.Rec rec = assertInstanceOf(CoreType.Rec.class, c.space(Sort.CORE_TYPE).get(0));
        assertEquals(1, rec.types().size());
        CoreType.ModuleType module = assertInstanceOf(CoreType.ModuleType.class, c.space(Sort.CORE_TYPE).get(1));
        CoreType.ImportDecl imp = assertInstanceOf(CoreType.ImportDecl.class, module.declarations().get(0));
        assertEquals("a", imp.entry().module());
        assertEquals(new CoreType.ExportDecl("f", new dev.twasm.model.ImportDesc.Func(0)), module.declarations().get(1));
    }
}
