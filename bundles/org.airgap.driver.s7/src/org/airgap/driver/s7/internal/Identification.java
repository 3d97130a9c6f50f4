package org.airgap.driver.s7.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.model.DeviceIdentity;

/**
 * What the PLC says about itself in two system status lists (SZL): 0x0011, module identification (order
 * number, firmware), and 0x001C, component identification (module name, serial number). Layouts as in
 * Siemens' "System Software for S7-300/400, System and Standard Functions", SZL-ID W#16#xy11 and xy1C.
 */
record Identification(DeviceIdentity identity, List<List<String>> rows) {

    static final Identification NONE = new Identification(DeviceIdentity.UNKNOWN, List.of());

    static final int MODULE_IDENTIFICATION = 0x0011;
    static final int COMPONENT_IDENTIFICATION = 0x001C;

    /** The names of the text records of SZL 0x001C, by index (9, the manufacturer id, is binary). */
    private static final Map<Integer, String> COMPONENT_FIELDS = Map.of(1, "automation system name", 2,
            "module name", 3, "plant designation", 4, "copyright", 5, "serial number", 7, "module type name", 8,
            "memory card serial number", 10, "OEM id", 11, "location designation");

    /**
     * Reads both lists' answers; either may be {@code null} when the PLC did not give it.
     *
     * @throws IllegalArgumentException when an answer is shorter than its header says
     */
    static Identification of(byte[] module, byte[] component) {
        List<List<String>> rows = new ArrayList<>();
        String orderNumber = null;
        String firmware = null;
        if (module != null) {
            for (ByteBuffer record : records(module)) {
                int index = record.getShort() & 0xFFFF;
                String text = text(record, 20);
                record.getShort(); // module type
                int version1 = record.getShort() & 0xFFFF;
                int version2 = record.getShort() & 0xFFFF;
                if (index == 1) {
                    orderNumber = text;
                    rows.add(row(MODULE_IDENTIFICATION, index, "order number", text));
                } else if (index == 6) {
                    rows.add(row(MODULE_IDENTIFICATION, index, "hardware order number", text));
                } else if (index == 7 && version1 >> 8 == 'V') {
                    firmware = "V" + (version1 & 0xFF) + "." + (version2 >> 8) + "." + (version2 & 0xFF);
                    rows.add(row(MODULE_IDENTIFICATION, index, "firmware", firmware));
                } else if (index == 0x81 && version1 >> 8 == 'V') {
                    rows.add(row(MODULE_IDENTIFICATION, index, "boot loader", text + " V" + (version1 & 0xFF) + "."
                            + (version2 >> 8) + "." + (version2 & 0xFF)));
                }
            }
        }
        String[] fields = new String[12];
        if (component != null) {
            for (ByteBuffer record : records(component)) {
                int index = record.getShort() & 0xFFFF;
                String name = COMPONENT_FIELDS.get(index);
                if (name != null && record.remaining() >= 32) {
                    fields[index] = text(record, 32);
                    rows.add(row(COMPONENT_IDENTIFICATION, index, name, fields[index]));
                }
            }
        }
        rows.sort((left, right) -> left.get(0).compareTo(right.get(0)));
        String copyright = fields[4];
        String vendor = copyright != null && copyright.contains("Siemens") ? "Siemens" : null;
        String model = fields[7] != null && !fields[7].isEmpty() ? fields[7] : fields[2];
        if (orderNumber != null && !orderNumber.isEmpty()) {
            model = model == null || model.isEmpty() ? orderNumber : model + " (" + orderNumber + ")";
        }
        return new Identification(new DeviceIdentity(vendor, blankToNull(model), firmware, blankToNull(fields[5])),
                List.copyOf(rows));
    }

    /** The records of an SZL answer: header SZL-ID, index, record length, record count; then the records. */
    private static List<ByteBuffer> records(byte[] answer) {
        ByteBuffer buffer = ByteBuffer.wrap(answer);
        buffer.getShort();
        buffer.getShort();
        int length = buffer.getShort() & 0xFFFF;
        int count = buffer.getShort() & 0xFFFF;
        List<ByteBuffer> records = new ArrayList<>();
        for (int i = 0; i < count && buffer.remaining() >= length; i++) {
            records.add(buffer.slice(buffer.position(), length));
            buffer.position(buffer.position() + length);
        }
        return records;
    }

    private static String text(ByteBuffer record, int length) {
        byte[] bytes = new byte[length];
        record.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1).replace('\0', ' ').strip();
    }

    /** A row keyed "SZL.index" in hex, e.g. "001C.0005", so the table sorts as the PLC lists. */
    private static List<String> row(int szl, int index, String field, String value) {
        return List.of(String.format("%04X.%04X", szl, index), field, value);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
