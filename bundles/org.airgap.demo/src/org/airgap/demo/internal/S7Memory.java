package org.airgap.demo.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of the simulated S7 PLC: its data blocks and its flag (M), input (I) and output (Q) areas, each
 * a fixed number of bytes, with a built-in content a demo user recognises in a backup. As text (the PLC's
 * file in the demo folder) each line holds up to 16 bytes in hex: {@code DB1.16 = 42 48 00 00 ...}.
 */
final class S7Memory {

    /** Bytes per line of the text form. */
    private static final int LINE = 16;
    private static final Pattern KEY = Pattern.compile("(DB\\d+|M|I|Q)\\.(\\d+)");

    private final Map<String, byte[]> areas;

    private S7Memory(Map<String, byte[]> areas) {
        this.areas = areas;
    }

    /**
     * DB1: eight setpoints (REAL at 0, 4, …, 28); DB2: eight counters (DINT at 0, 4, …, 28); M: 16 flag
     * bytes; I and Q: 8 bytes each, with a few bits set.
     */
    static S7Memory builtIn() {
        Map<String, byte[]> areas = new LinkedHashMap<>();
        ByteBuffer setpoints = ByteBuffer.allocate(32); // big-endian, as the S7 stores values
        for (float value : new float[] { 21.5f, 45.0f, 3.25f, 1450.0f, 75.0f, 12.5f, 0.8f, 180.0f }) {
            setpoints.putFloat(value);
        }
        areas.put("DB1", setpoints.array());
        ByteBuffer counters = ByteBuffer.allocate(32);
        for (int value : new int[] { 128_734, 412, 130_001, 8_123, 17, 0, 2_026, -1 }) {
            counters.putInt(value);
        }
        areas.put("DB2", counters.array());
        byte[] flags = new byte[16];
        flags[0] = 0b0000_0101;
        flags[10] = 0x2A;
        areas.put("M", flags);
        areas.put("I", new byte[] { (byte) 0b1000_0001, 0x0F, 0, 0, 0, 0, 0, 1 });
        areas.put("Q", new byte[] { 0b0000_0110, 0, 0x3C, 0, 0, 0, 0, 0 });
        return new S7Memory(areas);
    }

    /** The bytes of an area (DB1, M, I, Q, …), or -1 when the PLC has no such area. */
    synchronized int size(String area) {
        byte[] bytes = areas.get(area);
        return bytes == null ? -1 : bytes.length;
    }

    /** {@code count} bytes from {@code offset}; the caller checked them against {@link #size}. */
    synchronized byte[] read(String area, int offset, int count) {
        byte[] bytes = new byte[count];
        System.arraycopy(areas.get(area), offset, bytes, 0, count);
        return bytes;
    }

    /** @throws IllegalArgumentException for an area the PLC does not have, an offset beyond it or a value not a byte */
    synchronized void set(String area, int offset, int value) {
        byte[] bytes = areas.get(area.toUpperCase(Locale.ROOT));
        if (bytes == null || offset < 0 || offset >= bytes.length || value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(area + "." + offset + " = " + value + ": the PLC has " + sizes()
                    + " bytes, and a byte is 0-255");
        }
        bytes[offset] = (byte) value;
    }

    /** Takes over the content of another memory (the same areas: both come from {@link #builtIn}). */
    synchronized void replaceWith(S7Memory other) {
        synchronized (other) {
            other.areas.forEach((area, bytes) -> areas.put(area, bytes.clone()));
        }
    }

    /** The text form: one line per 16 bytes, no comments. */
    synchronized String text() {
        StringBuilder text = new StringBuilder();
        areas.forEach((area, bytes) -> {
            for (int offset = 0; offset < bytes.length; offset += LINE) {
                text.append(area).append('.').append(offset).append(" =");
                for (int i = offset; i < Math.min(offset + LINE, bytes.length); i++) {
                    text.append(String.format(" %02X", bytes[i] & 0xFF));
                }
                text.append('\n');
            }
        });
        return text.toString();
    }

    /**
     * The built-in memory with the bytes of the text form applied ({@code AREA.OFFSET = hex bytes}).
     *
     * @throws IllegalArgumentException naming the first line that is not of that form
     */
    static S7Memory parse(Map<String, String> lines) {
        S7Memory memory = builtIn();
        for (Map.Entry<String, String> line : new HashMap<>(lines).entrySet()) {
            Matcher key = KEY.matcher(line.getKey().strip().toUpperCase(Locale.ROOT));
            if (!key.matches()) {
                throw new IllegalArgumentException("'" + line.getKey() + "': write AREA.OFFSET, AREA one of "
                        + memory.sizes().keySet());
            }
            int offset = Integer.parseInt(key.group(2));
            String[] values = line.getValue().strip().split("\\s+");
            for (int i = 0; i < values.length && !values[i].isEmpty(); i++) {
                int value;
                try {
                    value = Integer.parseInt(values[i], 16);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + line.getKey() + "': '" + values[i] + "' is not a "
                            + "hex byte", e);
                }
                memory.set(key.group(1), offset + i, value);
            }
        }
        return memory;
    }

    private Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        areas.forEach((area, bytes) -> sizes.put(area, bytes.length));
        return sizes;
    }
}
