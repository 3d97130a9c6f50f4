package org.airgap.driver.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's pure parts: pins, value text, root nodes and endpoint URLs. */
class OpcUaPartsTest {

    @TempDir
    Path dir;

    @Test
    void pinsAreKeptPerAddressAndReplacedOnlyWhenAsked() throws Exception {
        PinnedServers pins = new PinnedServers(dir.resolve("opcua/known_servers"));
        assertNull(pins.find("plc:4840"));
        String first = PinnedServers.fingerprint(new byte[] { 1, 2, 3 });
        String second = PinnedServers.fingerprint(new byte[] { 4, 5, 6 });
        pins.pin("PLC:4840", first);
        pins.pin("hmi:4840", second);
        assertEquals(first, pins.find("plc:4840"));
        pins.pin("plc:4840", second);
        assertEquals(List.of("hmi:4840 " + second, "plc:4840 " + second), Files.readAllLines(pins.file()));
        assertEquals(64, first.length());
        assertTrue(PinnedServers.display(first).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), PinnedServers.display(first));
    }

    @Test
    void valuesAreStableText() {
        NamespaceTable namespaces = new NamespaceTable();
        namespaces.add("urn:vendor:machine");
        assertEquals("nsu=urn:vendor:machine;s=Line1", ValueText.nodeId(new NodeId(1, "Line1"), namespaces));
        assertEquals("i=85", ValueText.nodeId(NodeIds.ObjectsFolder, namespaces));
        assertEquals("ns=7;i=3", ValueText.nodeId(new NodeId(7, 3), namespaces), "an unknown index stays as it is");
        assertEquals("[1, 2]", ValueText.value(new DataValue(new Variant(new Integer[] { 1, 2 })), namespaces));
        assertEquals("0x0aff", ValueText.value(new DataValue(new Variant(ByteString.of(new byte[] { 10, -1 }))),
                namespaces));
        assertEquals("Hallo", ValueText.value(new DataValue(new Variant(LocalizedText.english("Hallo"))), namespaces));
        assertEquals("", ValueText.value(new DataValue(Variant.NULL_VALUE), namespaces));
        assertEquals("(Bad_NodeIdUnknown)", ValueText.value(new DataValue(new StatusCode(0x80340000L)), namespaces));
        assertEquals("Double", ValueText.dataType(new DataValue(new Variant(NodeIds.Double)), namespaces));
        assertEquals("CurrentRead+CurrentWrite", ValueText.accessLevel(new DataValue(new Variant(Unsigned.ubyte(3)))));
        assertEquals("none", ValueText.accessLevel(new DataValue(new Variant(Unsigned.ubyte(0)))));
    }

    @Test
    void rootNodesAndEndpointsAreChecked() {
        assertEquals(List.of("Objects", "ns=2;s=Line1"), RootNodes.check(List.of("Objects", "ns=2;s=Line1")));
        assertThrows(IllegalArgumentException.class, () -> RootNodes.check(List.of()));
        assertThrows(IllegalArgumentException.class, () -> RootNodes.check(List.of("Line 1")));
        assertEquals("opc.tcp://10.0.0.7:4840", OpcUaSettings.endpointUrl("opc.tcp://10.0.0.7:4840"));
        assertThrows(IllegalArgumentException.class, () -> OpcUaSettings.endpointUrl("opc.tcp://10.0.0.7"));
        assertThrows(IllegalArgumentException.class, () -> OpcUaSettings.endpointUrl("tcp://10.0.0.7:4840"));
    }
}
