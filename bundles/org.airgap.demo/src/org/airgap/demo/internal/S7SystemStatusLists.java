package org.airgap.demo.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.plc4x.java.s7.readwrite.SzlDataTreeItem;
import org.apache.plc4x.java.s7.readwrite.SzlId;
import org.apache.plc4x.java.s7.readwrite.SzlModuleTypeClass;
import org.apache.plc4x.java.s7.readwrite.SzlSublist;
import org.apache.plc4x.java.spi.generation.SerializationException;
import org.apache.plc4x.java.spi.generation.WriteBufferByteBased;

/**
 * What the simulated PLC says about itself: the system status lists (SZL) 0x0011 (module identification:
 * order number, firmware) and 0x001C (component identification: names, serial number) of an S7-315 CPU whose
 * names say that it is the demo's simulation. Other lists it does not have.
 */
final class S7SystemStatusLists {

    static final String ORDER_NUMBER = "6ES7 315-2EH14-0AB0";
    static final String FIRMWARE = "V3.3.12";
    static final String SERIAL_NUMBER = "S C-DEMO00072026";
    static final String MODULE_TYPE = "CPU 315-2 PN/DP";

    private static final int MODULE_IDENTIFICATION = 0x0011;
    private static final int COMPONENT_IDENTIFICATION = 0x001C;
    /** Bytes of a text record of SZL 0x001C after its index. */
    private static final int COMPONENT_TEXT = 32;

    private static final Map<Integer, String> COMPONENTS = Map.of(1, "AIRGAP DEMO (SIMULATED)", 2, "PLC 2",
            3, "Demo plant, line 1", 4, "Original Siemens Equipment", 5, SERIAL_NUMBER, 7, MODULE_TYPE);

    private S7SystemStatusLists() {
    }

    /**
     * The answer to a request for list {@code id} (e.g. 0x0011: all records; 0x0111: the record {@code index}),
     * as the PLC sends it: SZL id, index, record length, record count, records; {@code null} for a list or
     * record the PLC does not have.
     */
    static byte[] answer(int id, int index) throws SerializationException {
        int list = id & 0x00FF;
        int extract = (id >> 8) & 0x0F;
        if ((id & 0xF000) != 0 || extract > 1 || extract == 0 && index != 0) {
            return null;
        }
        List<byte[]> records = switch (list) {
            case MODULE_IDENTIFICATION -> moduleIdentification();
            case COMPONENT_IDENTIFICATION -> componentIdentification();
            default -> null;
        };
        if (records == null) {
            return null;
        }
        if (extract == 1) {
            records = records.stream().filter(record -> ((record[0] & 0xFF) << 8 | record[1] & 0xFF) == index)
                    .toList();
            if (records.isEmpty()) {
                return null;
            }
        }
        int length = records.get(0).length;
        WriteBufferByteBased buffer = new WriteBufferByteBased(8 + length * records.size());
        new SzlId(SzlModuleTypeClass.CPU, (byte) extract, SzlSublist.enumForValue((short) list)).serialize(buffer);
        buffer.writeUnsignedInt(16, index);
        buffer.writeUnsignedInt(16, length);
        buffer.writeUnsignedInt(16, records.size());
        for (byte[] record : records) {
            buffer.writeByteArray(record);
        }
        return buffer.getBytes();
    }

    /** Records 1 (order number), 6 (hardware) and 7 (firmware, the version in the last two words). */
    private static List<byte[]> moduleIdentification() throws SerializationException {
        byte[] blank = text("", 20, ' ');
        byte[] orderNumber = text(ORDER_NUMBER, 20, ' ');
        String[] version = FIRMWARE.substring(1).split("\\.");
        int firmwareHigh = 'V' << 8 | Integer.parseInt(version[0]);
        int firmwareLow = Integer.parseInt(version[1]) << 8 | Integer.parseInt(version[2]);
        return List.of(serialize(new SzlDataTreeItem(1, orderNumber, 0, 0x0001, 0x0001)),
                serialize(new SzlDataTreeItem(6, orderNumber, 0, 0x0001, 0x0001)),
                serialize(new SzlDataTreeItem(7, blank, 0, firmwareHigh, firmwareLow)));
    }

    private static byte[] serialize(SzlDataTreeItem record) throws SerializationException {
        WriteBufferByteBased buffer = new WriteBufferByteBased(record.getLengthInBytes());
        record.serialize(buffer);
        return buffer.getBytes();
    }

    /** One record per text: its index, then the text padded with zeros to 32 bytes. */
    private static List<byte[]> componentIdentification() throws SerializationException {
        List<Integer> indexes = COMPONENTS.keySet().stream().sorted().toList();
        byte[][] records = new byte[indexes.size()][];
        for (int i = 0; i < records.length; i++) {
            WriteBufferByteBased buffer = new WriteBufferByteBased(2 + COMPONENT_TEXT);
            buffer.writeUnsignedInt(16, indexes.get(i));
            buffer.writeByteArray(text(COMPONENTS.get(indexes.get(i)), COMPONENT_TEXT, '\0'));
            records[i] = buffer.getBytes();
        }
        return List.of(records);
    }

    private static byte[] text(String text, int length, char padding) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) padding);
        byte[] content = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(content, 0, bytes, 0, Math.min(content.length, length));
        return bytes;
    }
}
