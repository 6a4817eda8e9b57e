package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Names;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code name} custom section (spec §7.4.1 "Name Section"): subsections with ids 0
 * (module name), 1 (function names, a name map) and 2 (local names, an indirect name map), each
 * at most once and in that order; subsections with other ids are skipped.
 *
 * <p>Names are debugging information only: a name section that does not decode is ignored as a
 * whole (the spec's "should"), it never makes the module malformed.
 */
final class NameSectionDecoder {
    static final String SECTION_NAME = "name";
    static final int MODULE_NAME = 0;
    static final int FUNCTION_NAMES = 1;
    static final int LOCAL_NAMES = 2;

    private NameSectionDecoder() {
    }

    /** The names in {@code contents}, or {@link Names#NONE} if they do not decode. */
    static Names decode(byte[] contents) {
        try {
            return read(new BinaryInput(contents));
        } catch (MalformedModuleException e) {
            return Names.NONE;
        }
    }

    private static Names read(BinaryInput in) {
        String moduleName = null;
        Map<Integer, String> functionNames = Map.of();
        Map<Integer, Map<Integer, String>> localNames = Map.of();
        int lastId = -1;
        while (!in.atEnd()) {
            int id = in.readByte();
            if (id <= lastId) {
                throw in.malformed("subsection out of order");
            }
            lastId = id;
            int size = in.readLength();
            if (size > in.remaining()) {
                throw in.malformed("unexpected end");
            }
            int end = in.index() + size;
            int outerLimit = in.setLimit(end);
            switch (id) {
                case MODULE_NAME -> moduleName = in.readName();
                case FUNCTION_NAMES -> functionNames = nameMap(in);
                case LOCAL_NAMES -> localNames = indirectNameMap(in);
                default -> in.skip(size);
            }
            if (!in.atEnd()) {
                throw in.malformed("subsection size mismatch");
            }
            in.setLimit(outerLimit);
        }
        return new Names(moduleName, functionNames, localNames);
    }

    /** {@code namemap ::= vec(idx name)}; each index at most once. */
    private static Map<Integer, String> nameMap(BinaryInput in) {
        int count = in.readLength();
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int index = in.readIndex();
            if (map.put(index, in.readName()) != null) {
                throw in.malformed("duplicate name");
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** {@code indirectnamemap ::= vec(idx namemap)}; each outer index at most once. */
    private static Map<Integer, Map<Integer, String>> indirectNameMap(BinaryInput in) {
        int count = in.readLength();
        Map<Integer, Map<Integer, String>> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int index = in.readIndex();
            if (map.put(index, nameMap(in)) != null) {
                throw in.malformed("duplicate name");
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
