package org.airgap.client.admin.plant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The fallback editor's key=value rows: secrets masked and kept, bad lines named. */
class KeyValueRowsTest {

    @Test
    void secretsAreMaskedAndAMaskedValueKeepsTheOldOne() {
        Map<String, String> before = Map.of("host", "10.0.0.7", "password", "s3cret", "privateKey", "-----BEGIN");
        String rows = KeyValueRows.format(before);
        assertEquals("host=10.0.0.7\npassword=********\nprivateKey=********\n", rows);
        assertEquals(before, KeyValueRows.parse(rows, before));
        assertEquals(Map.of("host", "10.0.0.8", "password", "new one"),
                KeyValueRows.parse("host = 10.0.0.8\n\npassword=new one\n", before));
    }

    @Test
    void aLineThatIsNotKeyEqualsValueOrRepeatsAKeyIsNamed() {
        IllegalArgumentException notPair = assertThrows(IllegalArgumentException.class,
                () -> KeyValueRows.parse("host=a\nport", Map.of()));
        assertEquals("line 2 is not key=value: 'port'", notPair.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> KeyValueRows.parse("host=a\nhost=b", Map.of()));
        assertTrue(twice.getMessage().contains("repeats the key 'host'"), twice.getMessage());
        assertEquals(Map.of("url", "a=b"), KeyValueRows.parse("url=a=b", Map.of()), "the first = separates");
    }

    @Test
    void theDetailsNeverShowAConnectionsValues() {
        PlantTree tree = PlantTree.of(java.util.List.of(new org.airgap.model.Folder("line", "Line", null)),
                java.util.List.of(new org.airgap.protocol.PlantComponent(new org.airgap.model.Component("plc", "PLC",
                        "line", "s7", Map.of("host", "10.0.0.7", "password", "s3cret")), null, 2, 3)),
                java.util.List.of());
        String details = PlantDetails.of(tree.find(PlantNode.Kind.COMPONENT, "plc").orElseThrow());
        assertTrue(details.contains("Connection: host, password (values not shown)"), details);
        assertTrue(!details.contains("s3cret") && !details.contains("10.0.0.7"), details);
    }
}
