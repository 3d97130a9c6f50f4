package org.airgap.demo.internal;

import org.apache.plc4x.java.s7.readwrite.DataTransportErrorCode;
import org.apache.plc4x.java.s7.readwrite.DataTransportSize;
import org.apache.plc4x.java.s7.readwrite.S7AddressAny;
import org.apache.plc4x.java.s7.readwrite.S7VarPayloadDataItem;
import org.apache.plc4x.java.s7.readwrite.S7VarRequestParameterItem;
import org.apache.plc4x.java.s7.readwrite.S7VarRequestParameterItemAddress;
import org.apache.plc4x.java.s7.readwrite.TransportSize;

/**
 * One item of a "read var" request answered from the simulated PLC's memory, with the return codes of a real
 * CPU: "object does not exist" for a data block (or area) it does not have, "address out of range" for bytes
 * beyond the end of one it has.
 */
final class S7ReadVar {

    private final S7Memory memory;

    S7ReadVar(S7Memory memory) {
        this.memory = memory;
    }

    S7VarPayloadDataItem read(S7VarRequestParameterItem item) {
        if (!(item instanceof S7VarRequestParameterItemAddress address)
                || !(address.getAddress() instanceof S7AddressAny any)) {
            return error(DataTransportErrorCode.INVALID_ADDRESS);
        }
        String area = area(any);
        if (area == null) {
            return error(DataTransportErrorCode.INVALID_ADDRESS);
        }
        int size = memory.size(area);
        if (size < 0) {
            return error(DataTransportErrorCode.NOT_FOUND);
        }
        TransportSize type = any.getTransportSize();
        if (type == TransportSize.BOOL) {
            if (any.getNumberOfElements() != 1) {
                return error(DataTransportErrorCode.DATA_TYPE_NOT_SUPPORTED);
            }
            if (any.getByteAddress() >= size) {
                return error(DataTransportErrorCode.INVALID_ADDRESS);
            }
            int bit = memory.read(area, any.getByteAddress(), 1)[0] >> any.getBitAddress() & 1;
            return new S7VarPayloadDataItem(DataTransportErrorCode.OK, DataTransportSize.BIT, new byte[] { (byte) bit });
        }
        long count = (long) any.getNumberOfElements() * type.getSizeInBytes();
        if (count < 1 || any.getByteAddress() + count > size) {
            return error(DataTransportErrorCode.INVALID_ADDRESS);
        }
        DataTransportSize transport = type.getDataTransportSize() == null ? DataTransportSize.BYTE_WORD_DWORD
                : type.getDataTransportSize();
        return new S7VarPayloadDataItem(DataTransportErrorCode.OK, transport,
                memory.read(area, any.getByteAddress(), (int) count));
    }

    /** The memory's name of the addressed area; {@code null} for one the PLC does not serve (timers, counters, …). */
    private static String area(S7AddressAny address) {
        if (address.getArea() == null) {
            return null;
        }
        return switch (address.getArea()) {
            case DATA_BLOCKS, INSTANCE_DATA_BLOCKS -> "DB" + address.getDbNumber();
            case FLAGS_MARKERS -> "M";
            case INPUTS -> "I";
            case OUTPUTS -> "Q";
            default -> null;
        };
    }

    private static S7VarPayloadDataItem error(DataTransportErrorCode code) {
        return new S7VarPayloadDataItem(code, DataTransportSize.NULL, new byte[0]);
    }
}
