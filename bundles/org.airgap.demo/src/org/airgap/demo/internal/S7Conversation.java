package org.airgap.demo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.plc4x.java.s7.readwrite.COTPPacket;
import org.apache.plc4x.java.s7.readwrite.COTPPacketConnectionRequest;
import org.apache.plc4x.java.s7.readwrite.COTPPacketConnectionResponse;
import org.apache.plc4x.java.s7.readwrite.COTPPacketData;
import org.apache.plc4x.java.s7.readwrite.COTPParameter;
import org.apache.plc4x.java.s7.readwrite.COTPParameterCalledTsap;
import org.apache.plc4x.java.s7.readwrite.COTPParameterTpduSize;
import org.apache.plc4x.java.s7.readwrite.COTPProtocolClass;
import org.apache.plc4x.java.s7.readwrite.COTPTpduSize;
import org.apache.plc4x.java.s7.readwrite.DataTransportErrorCode;
import org.apache.plc4x.java.s7.readwrite.DataTransportSize;
import org.apache.plc4x.java.s7.readwrite.S7Message;
import org.apache.plc4x.java.s7.readwrite.S7MessageRequest;
import org.apache.plc4x.java.s7.readwrite.S7MessageResponseData;
import org.apache.plc4x.java.s7.readwrite.S7MessageUserData;
import org.apache.plc4x.java.s7.readwrite.S7ParameterReadVarRequest;
import org.apache.plc4x.java.s7.readwrite.S7ParameterReadVarResponse;
import org.apache.plc4x.java.s7.readwrite.S7ParameterSetupCommunication;
import org.apache.plc4x.java.s7.readwrite.S7ParameterUserData;
import org.apache.plc4x.java.s7.readwrite.S7ParameterUserDataItemCPUFunctions;
import org.apache.plc4x.java.s7.readwrite.S7PayloadReadVarResponse;
import org.apache.plc4x.java.s7.readwrite.S7PayloadUserData;
import org.apache.plc4x.java.s7.readwrite.S7PayloadUserDataItemCpuFunctionReadSzlRequest;
import org.apache.plc4x.java.s7.readwrite.S7PayloadUserDataItemCpuFunctionReadSzlResponse;
import org.apache.plc4x.java.s7.readwrite.S7VarPayloadDataItem;
import org.apache.plc4x.java.s7.readwrite.S7VarRequestParameterItem;
import org.apache.plc4x.java.s7.readwrite.SzlId;
import org.apache.plc4x.java.s7.readwrite.TPKTPacket;
import org.apache.plc4x.java.s7.readwrite.utils.S7TsapIdEncoder;
import org.apache.plc4x.java.spi.generation.SerializationException;

/**
 * One client's conversation with the simulated PLC, in PLC4X's model of the protocol (TPKT, COTP, S7): the
 * answer to each packet. It serves the COTP connection, "setup communication", "read var" of data blocks and
 * the M, I and Q areas ({@link S7ReadVar}) and the SZL reads of {@link S7SystemStatusLists}; other jobs are
 * refused as a PLC without PUT/GET access refuses them.
 */
final class S7Conversation {

    /** Where the CPU sits: an S7-300 CPU is in rack 0, slot 2. */
    static final int RACK = 0;
    static final int SLOT = 2;
    /** The largest S7 PDU the PLC accepts (an S7-315's), and the parallel jobs it serves. */
    static final int MAX_PDU = 480;
    static final int MAX_PARALLEL_JOBS = 8;

    /** The COTP reference the PLC gives its end of each connection. */
    private static final int OUR_REFERENCE = 0x0044;
    /** S7 error class and code: "object access not allowed" (PUT/GET), "PDU too large". */
    private static final short CLASS_APPLICATION = 0x81;
    private static final short CODE_ACCESS_NOT_ALLOWED = 0x04;
    private static final short CLASS_RESOURCES = 0x85;
    /** The error code of a user data answer for an SZL the PLC does not have. */
    private static final int SZL_NOT_AVAILABLE = 0xD401;

    private final S7ReadVar reader;
    private int pduLength = MAX_PDU;

    S7Conversation(S7Memory memory) {
        this.reader = new S7ReadVar(memory);
    }

    /**
     * The answer to one packet; empty when the PLC closes the connection: a connection request for another
     * rack or slot (as a real CPU refuses it) or a disconnect request.
     */
    Optional<TPKTPacket> answer(TPKTPacket packet) throws SerializationException {
        COTPPacket cotp = packet.getPayload();
        if (cotp instanceof COTPPacketConnectionRequest request) {
            return connect(request).map(TPKTPacket::new);
        }
        if (cotp instanceof COTPPacketData data && data.getPayload() != null) {
            return Optional.of(new TPKTPacket(new COTPPacketData(List.of(), answer(data.getPayload()), true,
                    (byte) 0)));
        }
        return Optional.empty();
    }

    private static Optional<COTPPacket> connect(COTPPacketConnectionRequest request) {
        List<COTPParameter> parameters = new ArrayList<>();
        boolean ourTsap = false;
        for (COTPParameter parameter : request.getParameters()) {
            if (parameter instanceof COTPParameterCalledTsap called) {
                short tsap = (short) called.getTsapId();
                ourTsap = S7TsapIdEncoder.decodeRack(tsap) == RACK && S7TsapIdEncoder.decodeSlot(tsap) == SLOT;
            }
            if (parameter instanceof COTPParameterTpduSize size
                    && size.getTpduSize().getSizeInBytes() > COTPTpduSize.SIZE_1024.getSizeInBytes()) {
                parameters.add(new COTPParameterTpduSize(COTPTpduSize.SIZE_1024));
            } else {
                parameters.add(parameter);
            }
        }
        if (!ourTsap) {
            return Optional.empty();
        }
        return Optional.of(new COTPPacketConnectionResponse(parameters, null, request.getSourceReference(),
                OUR_REFERENCE, COTPProtocolClass.CLASS_0));
    }

    private S7Message answer(S7Message message) throws SerializationException {
        int reference = message.getTpduReference();
        if (message instanceof S7MessageRequest && message.getParameter() instanceof S7ParameterSetupCommunication setup) {
            pduLength = Math.min(setup.getPduLength(), MAX_PDU);
            return new S7MessageResponseData(reference, new S7ParameterSetupCommunication(
                    Math.min(setup.getMaxAmqCaller(), MAX_PARALLEL_JOBS),
                    Math.min(setup.getMaxAmqCallee(), MAX_PARALLEL_JOBS), pduLength), null, (short) 0, (short) 0);
        }
        if (message instanceof S7MessageRequest && message.getParameter() instanceof S7ParameterReadVarRequest read) {
            List<S7VarPayloadDataItem> items = new ArrayList<>();
            for (S7VarRequestParameterItem item : read.getItems()) {
                items.add(reader.read(item));
            }
            S7Message response = new S7MessageResponseData(reference, new S7ParameterReadVarResponse(
                    (short) items.size()), new S7PayloadReadVarResponse(items), (short) 0, (short) 0);
            // Bigger than agreed: a CPU answers so instead of sending it.
            return response.getLengthInBytes() <= pduLength ? response
                    : new S7MessageResponseData(reference, null, null, CLASS_RESOURCES, (short) 0);
        }
        if (message instanceof S7MessageUserData && message.getParameter() instanceof S7ParameterUserData parameter
                && parameter.getItems().get(0) instanceof S7ParameterUserDataItemCPUFunctions function
                && message.getPayload() instanceof S7PayloadUserData payload
                && payload.getItems().get(0) instanceof S7PayloadUserDataItemCpuFunctionReadSzlRequest szl) {
            return systemStatusList(reference, function, szl);
        }
        return new S7MessageResponseData(reference, null, null, CLASS_APPLICATION, CODE_ACCESS_NOT_ALLOWED);
    }

    private static S7Message systemStatusList(int reference, S7ParameterUserDataItemCPUFunctions request,
            S7PayloadUserDataItemCpuFunctionReadSzlRequest szl) throws SerializationException {
        SzlId id = szl.getSzlId();
        byte[] list = id.getTypeClass() == null || id.getSublistList() == null ? null
                : S7SystemStatusLists.answer(id.getTypeClass().getValue() << 12 | id.getSublistExtract() << 8
                        | id.getSublistList().getValue(), szl.getSzlIndex());
        // A response (type 8) of the same function, the whole list in one data unit.
        S7ParameterUserDataItemCPUFunctions function = new S7ParameterUserDataItemCPUFunctions((short) 0x12, (byte) 8,
                request.getCpuFunctionGroup(), request.getCpuSubfunction(), request.getSequenceNumber(), (short) 0,
                (short) 0, list == null ? SZL_NOT_AVAILABLE : 0);
        S7PayloadUserDataItemCpuFunctionReadSzlResponse item = list == null
                ? new S7PayloadUserDataItemCpuFunctionReadSzlResponse(DataTransportErrorCode.NOT_FOUND,
                        DataTransportSize.NULL, 0, new byte[0])
                : new S7PayloadUserDataItemCpuFunctionReadSzlResponse(DataTransportErrorCode.OK,
                        DataTransportSize.OCTET_STRING, list.length, list);
        return new S7MessageUserData(reference, new S7ParameterUserData(List.of(function)),
                new S7PayloadUserData(List.of(item)));
    }
}
