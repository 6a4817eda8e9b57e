package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Expr;

import java.util.Arrays;

/**
 * The expression {@code ref.func x end} that stands for a function index {@code x} in an element
 * segment. The binary format may list element items as plain function indices (element segment
 * encodings 0 to 3, spec §5.5.12); the decoder turns each into this expression so later stages see
 * one form, and the encoder recognises it to choose the compact encoding again.
 */
final class RefFuncItem {
    private RefFuncItem() {
    }

    /** The canonical expression for function index {@code funcIndex} (shortest LEB128). */
    static Expr of(int funcIndex, int moduleOffset) {
        BinaryOutput out = new BinaryOutput(8);
        out.writeByte(0xD2).writeU32(Integer.toUnsignedLong(funcIndex)).writeByte(0x0B);
        return new Expr(out.toByteArray(), moduleOffset);
    }

    /**
     * The function index of {@code item} if it is exactly the canonical expression {@link #of}
     * produces, else -1, so that encoding it as an index and decoding it again gives the same bytes.
     */
    static long indexOf(Expr item) {
        byte[] code = item.code();
        if (code.length < 3 || (code[0] & 0xFF) != 0xD2 || code[code.length - 1] != 0x0B) {
            return -1;
        }
        try {
            BinaryInput in = new BinaryInput(code, 1, code.length - 1, 0);
            long index = in.readU32();
            if (!in.atEnd() || index > Integer.MAX_VALUE) {
                return -1;
            }
            return Arrays.equals(code, of((int) index, 0).code()) ? index : -1;
        } catch (MalformedModuleException e) {
            return -1;
        }
    }
}
