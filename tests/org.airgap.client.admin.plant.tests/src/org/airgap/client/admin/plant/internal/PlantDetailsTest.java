package org.airgap.client.admin.plant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The details pane: a connection's values never shown, a secret job parameter masked. */
class PlantDetailsTest {

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
