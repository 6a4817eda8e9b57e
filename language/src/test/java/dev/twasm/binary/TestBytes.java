package dev.twasm.binary;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds binary modules for tests from hex strings ({@code "60 01 7f 00"}; blanks are ignored). */
final class TestBytes {
    static final String HEADER = "00 61 73 6d 01 00 00 00";

    private TestBytes() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /** A module: the header followed by the given sections (or any bytes). */
    static byte[] module(byte[]... sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex(HEADER));
        for (byte[] s : sections) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    /** A section with id {@code id} whose size is computed from its contents. */
    static byte[] section(int id, String contentsHex) {
        return section(id, hex(contentsHex));
    }

    static byte[] section(int id, byte[] contents) {
        BinaryOutput out = new BinaryOutput();
        out.writeByte(id).writeU32(contents.length).writeBytes(contents);
        return out.toByteArray();
    }

    /** A custom section with a name and contents. */
    static byte[] custom(String name, byte[] contents) {
        return section(0, new BinaryOutput().writeName(name).writeBytes(contents).toByteArray());
    }

    /** A code section entry: its size, then {@code localsAndBodyHex}. */
    static String code(String localsAndBodyHex) {
        byte[] func = hex(localsAndBodyHex);
        return HexFormat.of().formatHex(new BinaryOutput().writeU32(func.length).writeBytes(func).toByteArray());
    }

    /** Type section with one type {@code [] -> []}, a function section declaring {@code count} functions of it. */
    static byte[] typeAndFunctions(int count) {
        return concat(section(1, "01 60 00 00"), section(3, "%02x".formatted(count) + " 00".repeat(count)));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
