package org.airgap.driver.s7.internal;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the optional layout: a typed value at a byte (and bit) of an area, e.g.
 * {@code DB1:2:REAL:setpoint} or {@code DB1:10.0:BOOL:pumpOn}. It is decoded from the bytes the backup
 * read (S7 values are big-endian), so the PLC is asked nothing twice.
 */
record TypedField(String area, int offset, int bit, Type type, String name) {

    /** The S7 elementary types the layout knows, with their size in bytes. */
    enum Type {
        BOOL(1), BYTE(1), CHAR(1), WORD(2), INT(2), DWORD(4), DINT(4), REAL(4), LREAL(8);

        final int size;

        Type(int size) {
            this.size = size;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "(DB\\d+|M|I|E|Q|A):(\\d{1,5})(?:\\.([0-7]))?:([A-Z]+)(?::([\\w.\\-]+))?", Pattern.CASE_INSENSITIVE);

    /**
     * Parses {@code AREA:OFFSET[.BIT]:TYPE[:NAME]}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static TypedField parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "': write AREA:OFFSET:TYPE[:NAME], or AREA:BYTE.BIT:BOOL"
                    + "[:NAME] for a bit, e.g. DB1:2:REAL:setpoint or M:10.3:BOOL");
        }
        Type type;
        try {
            type = Type.valueOf(matcher.group(4).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': unknown type " + matcher.group(4) + "; known: BOOL, "
                    + "BYTE, CHAR, WORD, INT, DWORD, DINT, REAL, LREAL", e);
        }
        boolean hasBit = matcher.group(3) != null;
        if (hasBit != (type == Type.BOOL)) {
            throw new IllegalArgumentException("'" + text + "': a BOOL needs a bit (BYTE.BIT, e.g. 10.0), other "
                    + "types none");
        }
        String area = switch (matcher.group(1).toUpperCase(Locale.ROOT)) {
            case "E" -> "I"; // German mnemonics: Eingang, Ausgang
            case "A" -> "Q";
            case String other -> other;
        };
        return new TypedField(area, Integer.parseInt(matcher.group(2)), hasBit ? Integer.parseInt(matcher.group(3)) : 0, type,
                matcher.group(5) == null ? "" : matcher.group(5));
    }

    /** Whether the field lies inside {@code range}. */
    boolean within(AreaRange range) {
        return range.area().equals(area) && offset >= range.start() && offset + type.size <= range.end();
    }

    /** The field's value read from {@code bytes}, which hold the area from byte {@code first} on. */
    String decode(byte[] bytes, int first) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset - first, type.size); // big-endian, as S7 stores
        return switch (type) {
            case BOOL -> Boolean.toString((buffer.get() >> bit & 1) == 1);
            case BYTE -> String.format("16#%02X", buffer.get() & 0xFF);
            case CHAR -> "'" + (char) (buffer.get() & 0xFF) + "'";
            case WORD -> String.format("16#%04X", buffer.getShort() & 0xFFFF);
            case INT -> Short.toString(buffer.getShort());
            case DWORD -> String.format("16#%08X", buffer.getInt());
            case DINT -> Integer.toString(buffer.getInt());
            case REAL -> Float.toString(buffer.getFloat());
            case LREAL -> Double.toString(buffer.getDouble());
        };
    }

    /** "INT 1234", "BOOL.2 true setpoint": what the table's value column says. */
    String describe(byte[] bytes, int first) {
        String label = type == Type.BOOL ? "BOOL." + bit : type.name();
        return label + " " + decode(bytes, first) + (name.isEmpty() ? "" : " " + name);
    }

    @Override
    public String toString() {
        return area + ":" + offset + (type == Type.BOOL ? "." + bit : "") + ":" + type + (name.isEmpty() ? "" : ":" + name);
    }
}
