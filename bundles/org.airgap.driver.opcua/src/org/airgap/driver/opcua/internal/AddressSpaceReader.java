package org.airgap.driver.opcua.internal;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.ProblemKind;
import org.airgap.driver.api.TableFile;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * Browses the address space from the root nodes, level by level along hierarchical references to
 * objects and variables, within the job's depth and node count, and reads every variable's value, data
 * type, access level and description into one table row keyed by node id. A node reached twice is read
 * once, under the first path found; children are visited in browse-name order, so paths are stable.
 */
final class AddressSpaceReader {

    /** The table's columns: the key first. */
    static final List<String> COLUMNS = List.of("node", "path", "dataType", "accessLevel", "value", "description");

    /** Nodes per Browse and variables per Read request: well within servers' operation limits. */
    private static final int BATCH = 50;

    private record Node(NodeId id, String path, int depth) {
    }

    private final OpcUaClient client;
    private final OpcUaSettings settings;
    private final DriverProgress progress;
    private final NamespaceTable namespaces;
    private final Set<NodeId> seen = new HashSet<>();
    private final List<Node> variables = new ArrayList<>();
    private int nodes;

    AddressSpaceReader(OpcUaClient client, OpcUaSettings settings, DriverProgress progress) {
        this.client = client;
        this.settings = settings;
        this.progress = progress;
        this.namespaces = client.getNamespaceTable();
    }

    /**
     * The variables' rows, in any order ({@link TableFile#format} sorts them).
     *
     * @throws UaException when the session fails (the caller decides what that means)
     */
    List<List<String>> read(List<Root> roots) throws DeviceProblemException, UaException {
        List<Node> level = new ArrayList<>();
        for (Root root : roots) {
            if (seen.add(root.id())) {
                level.add(new Node(root.id(), root.name(), 0));
            }
        }
        progress.begin(-1, "nodes");
        while (!level.isEmpty()) {
            List<Node> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += BATCH) {
                checkCancelled();
                next.addAll(browse(level.subList(i, Math.min(level.size(), i + BATCH))));
            }
            level = next;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < variables.size(); i += BATCH) {
            checkCancelled();
            rows.addAll(readVariables(variables.subList(i, Math.min(variables.size(), i + BATCH))));
        }
        return rows;
    }

    /** Where browsing starts, and the name it has in paths. */
    record Root(NodeId id, String name) {
    }

    int nodeCount() {
        return nodes;
    }

    private List<Node> browse(List<Node> parents) throws DeviceProblemException, UaException {
        List<BrowseDescription> requests = parents.stream().map(p -> new BrowseDescription(p.id(),
                BrowseDirection.Forward, NodeIds.HierarchicalReferences, true,
                uint(NodeClass.Object.getValue() | NodeClass.Variable.getValue()), uint(BrowseResultMask.All.getValue())))
                .toList();
        List<BrowseResult> results = client.browse(requests);
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            Node parent = parents.get(i);
            List<ReferenceDescription> references = references(parent, results.get(i));
            references.sort(Comparator.comparing((ReferenceDescription r) -> name(r.getBrowseName()), TableFile.KEY_ORDER)
                    .thenComparing(r -> ValueText.nodeId(r.getNodeId(), namespaces), TableFile.KEY_ORDER));
            for (ReferenceDescription reference : references) {
                NodeId id = reference.getNodeId().toNodeId(namespaces).orElse(null);
                if (id == null || NodeIds.Server.equals(id) && !parent.id().equals(NodeIds.Server)
                        || !seen.add(id)) {
                    continue; // another server's node, the standard Server object (its run-time state), or seen
                }
                if (parent.depth() == settings.maxDepth()) {
                    throw limit("maxDepth", settings.maxDepth(), parent.path() + " has children deeper than "
                            + settings.maxDepth() + " levels");
                }
                if (++nodes > settings.maxNodes()) {
                    throw limit("maxNodes", settings.maxNodes(), "the address space below " + settings.rootNodes()
                            + " has more than " + settings.maxNodes() + " nodes");
                }
                Node child = new Node(id, parent.path() + "/" + name(reference.getBrowseName()), parent.depth() + 1);
                if (reference.getNodeClass() == NodeClass.Variable) {
                    variables.add(child);
                }
                children.add(child);
            }
        }
        progress.worked(parents.size(), parents.get(parents.size() - 1).path());
        return children;
    }

    private List<ReferenceDescription> references(Node parent, BrowseResult result) throws UaException {
        List<ReferenceDescription> references = new ArrayList<>();
        BrowseResult current = result;
        while (true) {
            if (current.getStatusCode().isBad()) {
                throw new UaException(current.getStatusCode(), "browsing " + parent.path() + " failed ("
                        + OpcUaProblems.statusName(current.getStatusCode().getValue()) + ")");
            }
            if (current.getReferences() != null) {
                references.addAll(List.of(current.getReferences()));
            }
            ByteString continuation = current.getContinuationPoint();
            if (continuation == null || continuation.isNullOrEmpty()) {
                return references;
            }
            current = client.browseNext(false, List.of(continuation)).getResults()[0];
        }
    }

    private List<List<String>> readVariables(List<Node> batch) throws UaException {
        List<ReadValueId> reads = new ArrayList<>();
        for (Node node : batch) {
            for (AttributeId attribute : List.of(AttributeId.Value, AttributeId.DataType, AttributeId.AccessLevel,
                    AttributeId.Description)) {
                reads.add(new ReadValueId(node.id(), attribute.uid(), null, QualifiedName.NULL_VALUE));
            }
        }
        DataValue[] values = client.read(0.0, TimestampsToReturn.Neither, reads).getResults();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Node node = batch.get(i);
            rows.add(List.of(ValueText.nodeId(node.id(), namespaces), node.path(),
                    ValueText.dataType(values[4 * i + 1], namespaces), ValueText.accessLevel(values[4 * i + 2]),
                    ValueText.value(values[4 * i], namespaces), ValueText.text(values[4 * i + 3])));
        }
        progress.worked(batch.size(), batch.get(batch.size() - 1).path());
        return rows;
    }

    private static String name(QualifiedName name) {
        return name == null || name.getName() == null ? "" : name.getName();
    }

    private void checkCancelled() throws DeviceProblemException {
        if (progress.isCancelled()) {
            throw new DeviceProblemException(ProblemKind.CANCELLED, "cancelled after " + nodes + " nodes of "
                    + settings.endpoint());
        }
    }

    private DeviceProblemException limit(String parameter, int value, String what) {
        return new DeviceProblemException(ProblemKind.PARTIAL, what + " (" + parameter + " = " + value + "): raise "
                + parameter + " or choose narrower rootNodes; nothing was stored");
    }
}
