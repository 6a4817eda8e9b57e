package dev.twasm.debug;

import java.util.HashMap;
import java.util.Map;

/**
 * One entry of an abbreviation table ({@code .debug_abbrev}, DWARF 5 §7.5.3): the tag of the
 * entries that use it, whether they have children, and their attributes with forms (and the
 * values of {@code DW_FORM_implicit_const} attributes, which the table holds).
 */
record Abbreviation(int tag, boolean hasChildren, int[] attributes, Form[] forms, long[] implicitConstants) {

    /** Reads the abbreviation table at {@code offset}, by abbreviation code. */
    static Map<Long, Abbreviation> readTable(byte[] section, long offset) {
        if (section == null) {
            throw new DwarfFormatException("no .debug_abbrev");
        }
        DwarfInput in = new DwarfInput(section, 0);
        in.seek(offset);
        Map<Long, Abbreviation> table = new HashMap<>();
        while (true) {
            long code = in.uleb();
            if (code == 0) {
                return table;
            }
            int tag = (int) in.uleb();
            boolean hasChildren = in.u8() != 0;
            int count = 0;
            int[] attributes = new int[8];
            Form[] forms = new Form[8];
            long[] implicit = new long[8];
            while (true) {
                long attribute = in.uleb();
                long formCode = in.uleb();
                if (attribute == 0 && formCode == 0) {
                    break;
                }
                Form form = Form.of(formCode);
                if (form == null) {
                    throw new DwarfFormatException("unknown form 0x" + Long.toHexString(formCode));
                }
                if (count == attributes.length) {
                    attributes = java.util.Arrays.copyOf(attributes, count * 2);
                    forms = java.util.Arrays.copyOf(forms, count * 2);
                    implicit = java.util.Arrays.copyOf(implicit, count * 2);
                }
                attributes[count] = (int) attribute;
                forms[count] = form;
                implicit[count] = form == Form.IMPLICIT_CONST ? in.sleb() : 0;
                count++;
            }
            table.putIfAbsent(code, new Abbreviation(tag, hasChildren, java.util.Arrays.copyOf(attributes, count),
                            java.util.Arrays.copyOf(forms, count), java.util.Arrays.copyOf(implicit, count)));
        }
    }
}
