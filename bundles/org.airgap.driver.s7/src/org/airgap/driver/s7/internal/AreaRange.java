package org.airgap.driver.s7.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured range of a PLC memory area: {@code DB1:0:256} (data block 1, bytes 0 to 255),
 * {@code M:0:64} (flags), {@code I:0:16} (inputs, also {@code E}), {@code Q:0:16} (outputs, also {@code A}).
 */
record AreaRange(Kind kind, int db, int start, int length) {

    /** The S7 memory areas the driver reads, with the PLC4X address prefix of each. */
    enum Kind {
        DB("DB"), FLAGS("M"), INPUTS("I"), OUTPUTS("Q");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Highest byte address (exclusive) of an S7 area: addresses are 16-bit. */
    static final int AREA_SIZE = 65536;

    private static final Pattern SYNTAX = Pattern.compile("(DB(\\d+)|M|I|E|Q|A):(\\d+):(\\d+)");

    /**
     * Parses {@code AREA:START:LENGTH}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static AreaRange parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "': write AREA:START:LENGTH in bytes, AREA one of DBn, M, "
                    + "I, Q, e.g. DB1:0:256 or M:0:64");
        }
        int start = number(text, matcher.group(3));
        int length = number(text, matcher.group(4));
        if (length < 1 || start + (long) length > AREA_SIZE) {
            throw new IllegalArgumentException("'" + text + "': the range must hold 1 byte at least and end at "
                    + "byte 65535 at most");
        }
        return switch (matcher.group(1)) {
            case "M" -> new AreaRange(Kind.FLAGS, 0, start, length);
            case "I", "E" -> new AreaRange(Kind.INPUTS, 0, start, length);
            case "Q", "A" -> new AreaRange(Kind.OUTPUTS, 0, start, length);
            default -> {
                int db = number(text, matcher.group(2));
                if (db < 1 || db > 65535) {
                    throw new IllegalArgumentException("'" + text + "': data block numbers go from 1 to 65535");
                }
                yield new AreaRange(Kind.DB, db, start, length);
            }
        };
    }

    private static int number(String text, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': " + digits + " is too large", e);
        }
    }

    /** "DB1", "M", "I", "Q": the area as a technician names it, and the key that groups ranges into one table. */
    String area() {
        return kind == Kind.DB ? "DB" + db : kind.prefix;
    }

    /** The snapshot path of the area's table. */
    String file() {
        return area() + ".table";
    }

    int end() {
        return start + length;
    }

    boolean overlaps(AreaRange other) {
        return area().equals(other.area()) && start < other.end() && other.start < end();
    }

    /** The PLC4X address of {@code count} bytes from {@code offset}. */
    static String address(String area, int offset, int count) {
        String separator = area.startsWith("DB") ? ":" : "";
        return "%" + area + separator + offset + ":BYTE[" + count + "]";
    }

    @Override
    public String toString() {
        return area() + ":" + start + ":" + length;
    }
}
