package org.airgap.driver.opcua.internal;

import org.airgap.demo.internal.opcua.MachineNamespace;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;

/**
 * A small machine's address space for the tests: {@code Objects/Plant/Filler} with a speed, a name, a
 * read-only counter and a {@code Recipe} folder, plus {@code extraVariables} more variables in
 * {@code Plant/Bulk} (for the node limit).
 */
final class PlantNamespace {

    static final String NAMESPACE_URI = "urn:airgap:test:plant";

    private PlantNamespace() {
    }

    static void build(MachineNamespace namespace, int extraVariables) {
        UaFolderNode plant = namespace.folder("Plant", null);
        UaFolderNode filler = namespace.folder("Plant/Filler", plant);
        namespace.variable("Plant/Filler/Speed", filler, NodeIds.Double, 1.5, AccessLevel.READ_WRITE,
                "Bottles per second");
        namespace.variable("Plant/Filler/Name", filler, NodeIds.String, "Filler 1", AccessLevel.READ_WRITE, null);
        namespace.variable("Plant/Filler/Counter", filler, NodeIds.Int32, 42, AccessLevel.READ_ONLY,
                "Bottles since start");
        UaFolderNode recipe = namespace.folder("Plant/Filler/Recipe", filler);
        namespace.variable("Plant/Filler/Recipe/Volumes", recipe, NodeIds.Int32, new Integer[] { 330, 500, 1000 },
                AccessLevel.READ_WRITE, null);
        namespace.variable("Plant/Filler/Recipe/Secret", recipe, NodeIds.String, "hidden", AccessLevel.NONE, null);
        if (extraVariables > 0) {
            UaFolderNode bulk = namespace.folder("Plant/Bulk", plant);
            for (int i = 0; i < extraVariables; i++) {
                namespace.variable(String.format("Plant/Bulk/Tag%04d", i), bulk, NodeIds.Int32, i,
                        AccessLevel.READ_ONLY, null);
            }
        }
    }
}
