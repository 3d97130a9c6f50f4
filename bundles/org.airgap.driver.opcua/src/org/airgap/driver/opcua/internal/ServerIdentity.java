package org.airgap.driver.opcua.internal;

import java.util.ArrayList;
import java.util.List;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.model.DeviceIdentity;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.ServerState;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;

/**
 * The device identity from the server's BuildInfo: manufacturer, product, and the software version with
 * its build number. OPC UA has no standard serial number, so it stays unknown.
 */
final class ServerIdentity {

    private static final List<NodeId> FIELDS = List.of(NodeIds.Server_ServerStatus_BuildInfo_ManufacturerName,
            NodeIds.Server_ServerStatus_BuildInfo_ProductName, NodeIds.Server_ServerStatus_BuildInfo_SoftwareVersion,
            NodeIds.Server_ServerStatus_BuildInfo_BuildNumber);

    private ServerIdentity() {
    }

    static DeviceIdentity read(OpcUaClient client, OpcUaSettings settings) throws DeviceProblemException {
        try {
            List<DataValue> values = client.readValues(0.0, TimestampsToReturn.Neither, FIELDS);
            String version = text(values.get(2));
            String build = text(values.get(3));
            String firmware = version == null ? build
                    : build == null || build.equals(version) ? version : version + " build " + build;
            return new DeviceIdentity(text(values.get(0)), text(values.get(1)), firmware, null);
        } catch (UaException e) {
            throw OpcUaProblems.connecting(settings, e);
        }
    }

    /**
     * Whether the server still answers and says it is running. A server shutting down may answer a browse with a
     * node status (its address space is already gone) before it closes the session: that is a lost server, not
     * a protocol error.
     */
    static boolean running(OpcUaClient client) {
        try {
            Object state = client.readValue(0.0, TimestampsToReturn.Neither, NodeIds.Server_ServerStatus_State)
                    .getValue().getValue();
            return state instanceof ServerState s ? s == ServerState.Running
                    : state instanceof Number n && n.intValue() == ServerState.Running.getValue();
        } catch (UaException | RuntimeException e) {
            return false;
        }
    }

    private static String text(DataValue value) {
        return value.getStatusCode().isGood() && value.getValue().getValue() instanceof String text && !text.isBlank()
                ? text.strip()
                : null;
    }

    /** "eclipse, milo server, 1.1.2" or "unknown (the server's BuildInfo is empty)". */
    static String describe(DeviceIdentity identity) {
        List<String> parts = new ArrayList<>();
        for (String part : new String[] { identity.vendor(), identity.model(), identity.firmware() }) {
            if (part != null) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? "unknown (the server's BuildInfo is empty)" : String.join(", ", parts);
    }
}
