package org.airgap.demo.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.plc4x.java.s7.readwrite.COTPPacketData;
import org.apache.plc4x.java.s7.readwrite.DataTransportErrorCode;
import org.apache.plc4x.java.s7.readwrite.DataTransportSize;
import org.apache.plc4x.java.s7.readwrite.MemoryArea;
import org.apache.plc4x.java.s7.readwrite.S7AddressAny;
import org.apache.plc4x.java.s7.readwrite.S7Message;
import org.apache.plc4x.java.s7.readwrite.S7MessageRequest;
import org.apache.plc4x.java.s7.readwrite.S7MessageResponseData;
import org.apache.plc4x.java.s7.readwrite.S7MessageUserData;
import org.apache.plc4x.java.s7.readwrite.S7ParameterReadVarRequest;
import org.apache.plc4x.java.s7.readwrite.S7ParameterSetupCommunication;
import org.apache.plc4x.java.s7.readwrite.S7ParameterUserData;
import org.apache.plc4x.java.s7.readwrite.S7ParameterUserDataItemCPUFunctions;
import org.apache.plc4x.java.s7.readwrite.S7ParameterWriteVarRequest;
import org.apache.plc4x.java.s7.readwrite.S7PayloadReadVarResponse;
import org.apache.plc4x.java.s7.readwrite.S7PayloadUserData;
import org.apache.plc4x.java.s7.readwrite.S7PayloadUserDataItemCpuFunctionReadSzlRequest;
import org.apache.plc4x.java.s7.readwrite.S7PayloadUserDataItemCpuFunctionReadSzlResponse;
import org.apache.plc4x.java.s7.readwrite.S7VarPayloadDataItem;
import org.apache.plc4x.java.s7.readwrite.S7VarRequestParameterItem;
import org.apache.plc4x.java.s7.readwrite.S7VarRequestParameterItemAddress;
import org.apache.plc4x.java.s7.readwrite.SzlId;
import org.apache.plc4x.java.s7.readwrite.SzlModuleTypeClass;
import org.apache.plc4x.java.s7.readwrite.SzlSublist;
import org.apache.plc4x.java.s7.readwrite.TPKTPacket;
import org.apache.plc4x.java.s7.readwrite.TransportSize;
import org.apache.plc4x.java.spi.generation.ReadBufferByteBased;
import org.apache.plc4x.java.spi.generation.WriteBufferByteBased;
import org.junit.jupiter.api.Test;

/** The simulated PLC's answers, written to bytes and read back as PLC4X's S7 driver reads them. */
class S7ConversationTest {

    private final S7Conversation conversation = new S7Conversation(S7Memory.builtIn());

    @Test
    void anSzlThePlcHasIsOneDataUnitAndAnUnknownOneTheErrorOfARealCpu() throws Exception {
        S7MessageUserData known = assertInstanceOf(S7MessageUserData.class,
                roundTrip(szlRequest(SzlSublist.MODULE_IDENTIFICATION, 0)));
        S7ParameterUserDataItemCPUFunctions function = function(known);
        assertEquals(0, function.getErrorCode());
        assertEquals((short) 0, function.getLastDataUnit());
        S7PayloadUserDataItemCpuFunctionReadSzlResponse list = szlItem(known);
        assertEquals(DataTransportErrorCode.OK, list.getReturnCode());
        assertEquals(8 + 3 * 28, list.getItems().length, "header and three records of 28 bytes");

        S7MessageUserData unknown = assertInstanceOf(S7MessageUserData.class,
                roundTrip(szlRequest(SzlSublist.DIAGNOSTIC_BUFFER, 0)));
        assertEquals(0xD401, function(unknown).getErrorCode());
        assertEquals(DataTransportErrorCode.NOT_FOUND, szlItem(unknown).getReturnCode());
        assertEquals(0, szlItem(unknown).getItems().length);
    }

    @Test
    void readVarAnswersBytesBitsAndTheReturnCodesOfARealCpu() throws Exception {
        S7MessageResponseData answer = assertInstanceOf(S7MessageResponseData.class, roundTrip(readVar(
                address(TransportSize.BYTE, 4, 2, MemoryArea.DATA_BLOCKS, 0, 0),
                address(TransportSize.BOOL, 1, 0, MemoryArea.OUTPUTS, 0, 2),
                address(TransportSize.BYTE, 1, 9, MemoryArea.DATA_BLOCKS, 0, 0),
                address(TransportSize.BYTE, 4, 0, MemoryArea.FLAGS_MARKERS, 14, 0),
                address(TransportSize.BYTE, 1, 0, MemoryArea.TIMERS, 0, 0))));
        assertEquals(0, answer.getErrorClass());
        List<S7VarPayloadDataItem> items = ((S7PayloadReadVarResponse) answer.getPayload()).getItems();
        assertArrayEquals(new byte[] { 0, 1, (byte) 0xF6, (byte) 0xDE }, items.get(0).getData(), "DINT 128734");
        assertArrayEquals(new byte[] { 1 }, items.get(1).getData(), "Q0.2");
        assertEquals(DataTransportSize.BIT, items.get(1).getTransportSize());
        assertEquals(List.of(DataTransportErrorCode.OK, DataTransportErrorCode.OK, DataTransportErrorCode.NOT_FOUND,
                DataTransportErrorCode.INVALID_ADDRESS, DataTransportErrorCode.INVALID_ADDRESS),
                items.stream().map(S7VarPayloadDataItem::getReturnCode).toList());
    }

    @Test
    void anAnswerLargerThanTheAgreedPduIsTheErrorOfARealCpu() throws Exception {
        S7MessageResponseData setup = assertInstanceOf(S7MessageResponseData.class,
                roundTrip(new S7MessageRequest(0, new S7ParameterSetupCommunication(8, 8, 240), null)));
        assertEquals(240, ((S7ParameterSetupCommunication) setup.getParameter()).getPduLength());
        S7VarRequestParameterItem all = address(TransportSize.BYTE, 32, 1, MemoryArea.DATA_BLOCKS, 0, 0);
        S7MessageResponseData tooLarge = assertInstanceOf(S7MessageResponseData.class,
                roundTrip(readVar(all, all, all, all, all, all, all)));
        assertEquals(0x85, tooLarge.getErrorClass());
        assertEquals(0, tooLarge.getErrorCode());
    }

    @Test
    void aWriteIsRefusedAsWithoutPutAccess() throws Exception {
        S7MessageResponseData refused = assertInstanceOf(S7MessageResponseData.class,
                roundTrip(new S7MessageRequest(7, new S7ParameterWriteVarRequest(List.of()), null)));
        assertEquals(7, refused.getTpduReference());
        assertEquals(0x81, refused.getErrorClass());
        assertEquals(0x04, refused.getErrorCode());
    }

    @Test
    void theMemoryFileNamesItsMistakes() {
        S7Memory memory = S7Memory.parse(Map.of("db2.4", "00 00 01 9D"));
        assertEquals(413, memory.read("DB2", 4, 4)[3] & 0xFF | (memory.read("DB2", 4, 4)[2] & 0xFF) << 8);
        assertTrue(memory.text().startsWith("DB1.0 = 41 AC 00 00 "), memory.text());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S7Memory.parse(Map.of("DB7.0", "01")))
                .getMessage().contains("{DB1=32, DB2=32, M=16, I=8, Q=8}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S7Memory.parse(Map.of("Q.7", "01 02")))
                .getMessage().startsWith("Q.8 = 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S7Memory.parse(Map.of("M.0", "1G")))
                .getMessage().contains("'1G' is not a hex byte"));
    }

    private static S7Message readVar(S7VarRequestParameterItem... items) {
        return new S7MessageRequest(5, new S7ParameterReadVarRequest(List.of(items)), null);
    }

    private static S7VarRequestParameterItem address(TransportSize type, int count, int db, MemoryArea area,
            int offset, int bit) {
        return new S7VarRequestParameterItemAddress(new S7AddressAny(type, count, db, area, offset, (byte) bit));
    }

    /** As PLC4X's S7 driver asks for a system status list. */
    private static S7Message szlRequest(SzlSublist list, int index) {
        return new S7MessageUserData(3, new S7ParameterUserData(List.of(new S7ParameterUserDataItemCPUFunctions(
                (short) 0x11, (byte) 0x4, (byte) 0x4, (short) 0x01, (short) 0x00, null, null, null))),
                new S7PayloadUserData(List.of(new S7PayloadUserDataItemCpuFunctionReadSzlRequest(
                        DataTransportErrorCode.OK, DataTransportSize.OCTET_STRING, 0x04,
                        new SzlId(SzlModuleTypeClass.CPU, (byte) 0, list), index))));
    }

    /** The request as bytes to the PLC, its answer as bytes back, parsed. */
    private S7Message roundTrip(S7Message request) throws Exception {
        TPKTPacket packet = new TPKTPacket(new COTPPacketData(List.of(), request, true, (byte) 0));
        TPKTPacket answer = conversation.answer(TPKTPacket.staticParse(new ReadBufferByteBased(bytes(packet))))
                .orElseThrow();
        return TPKTPacket.staticParse(new ReadBufferByteBased(bytes(answer))).getPayload().getPayload();
    }

    private static byte[] bytes(TPKTPacket packet) throws Exception {
        WriteBufferByteBased buffer = new WriteBufferByteBased(packet.getLengthInBytes());
        packet.serialize(buffer);
        return buffer.getBytes();
    }

    private static S7ParameterUserDataItemCPUFunctions function(S7MessageUserData message) {
        return (S7ParameterUserDataItemCPUFunctions) ((S7ParameterUserData) message.getParameter()).getItems().get(0);
    }

    private static S7PayloadUserDataItemCpuFunctionReadSzlResponse szlItem(S7MessageUserData message) {
        return assertInstanceOf(S7PayloadUserDataItemCpuFunctionReadSzlResponse.class,
                ((S7PayloadUserData) message.getPayload()).getItems().get(0));
    }
}
