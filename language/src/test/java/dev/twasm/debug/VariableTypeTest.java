package dev.twasm.debug;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Values of variables from their little-endian bytes, by type encoding. */
class VariableTypeTest {
    private static VariableType type(int size, VariableType.Encoding encoding) {
        return new VariableType("t", size, encoding);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void integers() {
        assertEquals(-2, type(4, VariableType.Encoding.SIGNED).decode(bytes(0xfe, 0xff, 0xff, 0xff)));
        assertEquals(-1, type(1, VariableType.Encoding.SIGNED).decode(bytes(0xff)));
        assertEquals(-32768, type(2, VariableType.Encoding.SIGNED).decode(bytes(0x00, 0x80)));
        assertEquals(-1L, type(8, VariableType.Encoding.SIGNED).decode(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)));
        assertEquals(4294967294L, type(4, VariableType.Encoding.UNSIGNED).decode(bytes(0xfe, 0xff, 0xff, 0xff)));
        assertEquals(65535, type(2, VariableType.Encoding.UNSIGNED).decode(bytes(0xff, 0xff)));
        assertEquals(428343467L, type(8, VariableType.Encoding.UNSIGNED).decode(bytes(0xab, 0x00, 0x88, 0x19, 0, 0, 0, 0)));
        // more bytes than the size: the first ones count
        assertEquals(7, type(4, VariableType.Encoding.SIGNED).decode(bytes(7, 0, 0, 0, 9, 9, 9, 9)));
    }

    @Test
    void floatsBooleansCharsAndPointers() {
        assertEquals(1.5f, type(4, VariableType.Encoding.FLOAT).decode(bytes(0x00, 0x00, 0xc0, 0x3f)));
        assertEquals(-2.0, type(8, VariableType.Encoding.FLOAT).decode(bytes(0, 0, 0, 0, 0, 0, 0x00, 0xc0)));
        assertEquals(true, type(1, VariableType.Encoding.BOOLEAN).decode(bytes(1)));
        assertEquals(false, type(1, VariableType.Encoding.BOOLEAN).decode(bytes(0)));
        assertEquals("'a'", type(1, VariableType.Encoding.SIGNED_CHAR).decode(bytes('a')));
        assertEquals("'\\n'", type(1, VariableType.Encoding.UNSIGNED_CHAR).decode(bytes('\n')));
        assertEquals("'\\xff'", type(1, VariableType.Encoding.SIGNED_CHAR).decode(bytes(0xff)));
        assertEquals("0x10430", type(4, VariableType.Encoding.POINTER).decode(bytes(0x30, 0x04, 0x01, 0x00)));
    }

    @Test
    void otherTypesAndShortInputGiveNull() {
        assertNull(type(16, VariableType.Encoding.OTHER).decode(new byte[16]));
        assertNull(type(4, VariableType.Encoding.SIGNED).decode(bytes(1, 2)));
        assertNull(type(4, VariableType.Encoding.SIGNED).decode(null));
        assertNull(VariableType.UNKNOWN.decode(new byte[8]));
        assertNull(type(2, VariableType.Encoding.FLOAT).decode(new byte[2]));
    }
}
