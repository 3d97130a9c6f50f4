package org.airgap.driver.s7.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.ParameterProblem;
import org.junit.jupiter.api.Test;

/** Areas, the typed layout, the identity lists and the parameter checks, without a PLC. */
class S7ParametersTest {

    @Test
    void areasParseInEveryMnemonicAndRefuseWhatAnS7CannotAddress() {
        assertEquals(new AreaRange(AreaRange.Kind.DB, 12, 4, 100), AreaRange.parse(" db12:4:100 "));
        assertEquals("I", AreaRange.parse("E:0:8").area());
        assertEquals("Q.table", AreaRange.parse("A:0:8").file());
        assertEquals("%DB12:4:BYTE[100]", AreaRange.address("DB12", 4, 100));
        assertEquals("%M10:BYTE[4]", AreaRange.address("M", 10, 4));
        assertThrows(IllegalArgumentException.class, () -> AreaRange.parse("DB0:0:8"));
        assertThrows(IllegalArgumentException.class, () -> AreaRange.parse("DB1:65530:10"));
        assertThrows(IllegalArgumentException.class, () -> AreaRange.parse("M:0:0"));
        assertThrows(IllegalArgumentException.class, () -> AreaRange.parse("T:0:8"));
    }

    @Test
    void typedFieldsDecodeBigEndianAsTheS7Stores() {
        byte[] bytes = ByteBuffer.allocate(16).putShort((short) -2).putFloat(21.5f).putInt(-70000).put((byte) 5)
                .array();
        assertEquals("INT -2 count", TypedField.parse("DB1:0:INT:count").describe(bytes, 0));
        assertEquals("REAL 21.5", TypedField.parse("DB1:2:REAL").describe(bytes, 0));
        assertEquals("DWORD 16#FFFEEE90", TypedField.parse("DB1:6:DWORD").describe(bytes, 0));
        assertEquals("BOOL.2 true", TypedField.parse("DB1:10.2:BOOL").describe(bytes, 0));
        assertEquals("BOOL.1 false", TypedField.parse("DB1:10.1:BOOL").describe(bytes, 0));
        assertEquals("BYTE 16#05", TypedField.parse("DB1:12:BYTE").describe(bytes, 2), "offsets count from the range");
        assertEquals("I", TypedField.parse("E:0.0:BOOL").area());
        assertThrows(IllegalArgumentException.class, () -> TypedField.parse("DB1:0:BOOL"), "a BOOL needs its bit");
        assertThrows(IllegalArgumentException.class, () -> TypedField.parse("DB1:0.1:INT"));
        assertThrows(IllegalArgumentException.class, () -> TypedField.parse("DB1:0:STRING"));
    }

    @Test
    void validationNamesTheParameterOfEachProblem() {
        assertEquals(List.of(), S7Settings.validate(Map.of("host", "plc", "areas", "DB1:0:16", "layout",
                "DB1:14:INT")));
        assertEquals(List.of("areas"), names(S7Settings.validate(Map.of("host", "plc", "areas", "DB1:0:16, DB1:8:8"))));
        assertEquals(List.of("layout"), names(S7Settings.validate(Map.of("host", "plc", "areas", "DB1:0:16",
                "layout", "DB1:15:INT"))));
        assertEquals(List.of("remoteTsap"), names(S7Settings.validate(Map.of("host", "plc", "areas", "M:0:1",
                "remoteTsap", "0x10000"))));
        S7Settings settings = S7Settings.of(Map.of("host", "plc", "areas", "M:0:1", "remoteTsap", "0x0102"));
        assertEquals("remote TSAP 0x0102", settings.addressing());
        assertTrue(settings.connectionString().startsWith("s7://plc:102?"), settings.connectionString());
        assertTrue(settings.connectionString().contains("&remote-tsap=258"), settings.connectionString());
    }

    @Test
    void identityComesFromTheModuleAndComponentLists() {
        ByteBuffer module = ByteBuffer.allocate(8 + 2 * 28).putShort((short) 0x11).putShort((short) 0)
                .putShort((short) 28).putShort((short) 2);
        module.putShort((short) 1).put(padded("6ES7 315-2EH14-0AB0", 20)).putShort((short) 0xC0).putShort((short) 4)
                .putShort((short) 1);
        module.putShort((short) 7).put(padded("", 20)).putShort((short) 0xC0).putShort((short) 0x5603)
                .putShort((short) 0x0206);
        ByteBuffer component = ByteBuffer.allocate(8 + 2 * 34).putShort((short) 0x1C).putShort((short) 0)
                .putShort((short) 34).putShort((short) 2);
        component.putShort((short) 2).put(padded("CPU 315-2 PN/DP", 32));
        component.putShort((short) 5).put(padded("S C-X4711", 32));
        Identification identification = Identification.of(module.array(), component.array());
        assertEquals("CPU 315-2 PN/DP (6ES7 315-2EH14-0AB0)", identification.identity().model());
        assertEquals("V3.2.6", identification.identity().firmware());
        assertEquals("S C-X4711", identification.identity().serial());
        assertNull(identification.identity().vendor(), "no copyright record naming Siemens");
        assertEquals(List.of("0011.0001", "0011.0007", "001C.0002", "001C.0005"),
                identification.rows().stream().map(row -> row.get(0)).toList());
        assertEquals(List.of(), Identification.of(null, null).rows());
    }

    private static byte[] padded(String text, int length) {
        byte[] bytes = new byte[length];
        byte[] given = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(given, 0, bytes, 0, given.length);
        return bytes;
    }

    private static List<String> names(List<ParameterProblem> problems) {
        return problems.stream().map(ParameterProblem::parameter).toList();
    }
}
