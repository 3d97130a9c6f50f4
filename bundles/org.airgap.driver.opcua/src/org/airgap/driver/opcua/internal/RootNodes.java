package org.airgap.driver.opcua.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.ProblemKind;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaRuntimeException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/** The rootNodes parameter: names of the standard folders, or node ids with a namespace index or URI. */
final class RootNodes {

    private static final Map<String, NodeId> FOLDERS = Map.of("Root", NodeIds.RootFolder, "Objects",
            NodeIds.ObjectsFolder, "Types", NodeIds.TypesFolder, "Views", NodeIds.ViewsFolder);

    private RootNodes() {
    }

    /** Checks the syntax of each root node; the namespace URIs are looked up once connected. */
    static List<String> check(List<String> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("give at least one root node, e.g. Objects");
        }
        for (String root : roots) {
            if (!FOLDERS.containsKey(root)) {
                parse(root);
            }
        }
        return roots;
    }

    private static ExpandedNodeId parse(String root) {
        try {
            return ExpandedNodeId.parse(root);
        } catch (UaRuntimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + root + "' is neither Objects, Root, Types, Views nor a node id "
                    + "such as ns=2;s=Line1, nsu=urn:vendor:machine;i=1000 or i=85");
        }
    }

    /** The root nodes as node ids of this session; named as given in the table's paths. */
    static List<AddressSpaceReader.Root> resolve(List<String> roots, NamespaceTable namespaces)
            throws DeviceProblemException {
        List<AddressSpaceReader.Root> resolved = new ArrayList<>();
        for (String root : roots) {
            NodeId id = FOLDERS.containsKey(root) ? FOLDERS.get(root)
                    : parse(root).toNodeId(namespaces).orElseThrow(() -> new DeviceProblemException(
                            ProblemKind.NOT_FOUND, "root node " + root + ": the server has no such namespace"));
            resolved.add(new AddressSpaceReader.Root(id, root));
        }
        return resolved;
    }
}
