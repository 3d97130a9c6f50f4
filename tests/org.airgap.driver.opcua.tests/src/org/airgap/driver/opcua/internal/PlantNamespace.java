package org.airgap.driver.opcua.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * A small machine's address space for the tests: {@code Objects/Plant/Filler} with a speed, a name, a
 * read-only counter and a {@code Recipe} folder, plus {@code extraVariables} more variables in
 * {@code Plant/Bulk} (for the node limit).
 */
final class PlantNamespace extends ManagedNamespaceWithLifecycle {

    static final String NAMESPACE_URI = "urn:airgap:test:plant";

    private final SubscriptionModel subscriptions;
    private final Map<String, UaVariableNode> variables = new ConcurrentHashMap<>();

    PlantNamespace(OpcUaServer server, int extraVariables) {
        super(server, NAMESPACE_URI);
        subscriptions = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptions);
        getLifecycleManager().addStartupTask(() -> build(extraVariables));
    }

    private void build(int extraVariables) {
        UaFolderNode plant = folder("Plant", null);
        plant.addReference(new Reference(plant.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        UaFolderNode filler = folder("Plant/Filler", plant);
        variable("Plant/Filler/Speed", filler, NodeIds.Double, 1.5, AccessLevel.READ_WRITE, "Bottles per second");
        variable("Plant/Filler/Name", filler, NodeIds.String, "Filler 1", AccessLevel.READ_WRITE, null);
        variable("Plant/Filler/Counter", filler, NodeIds.Int32, 42, AccessLevel.READ_ONLY, "Bottles since start");
        UaFolderNode recipe = folder("Plant/Filler/Recipe", filler);
        variable("Plant/Filler/Recipe/Volumes", recipe, NodeIds.Int32, new Integer[] { 330, 500, 1000 },
                AccessLevel.READ_WRITE, null);
        variable("Plant/Filler/Recipe/Secret", recipe, NodeIds.String, "hidden", AccessLevel.NONE, null);
        if (extraVariables > 0) {
            UaFolderNode bulk = folder("Plant/Bulk", plant);
            for (int i = 0; i < extraVariables; i++) {
                variable(String.format("Plant/Bulk/Tag%04d", i), bulk, NodeIds.Int32, i, AccessLevel.READ_ONLY, null);
            }
        }
    }

    private UaFolderNode folder(String path, UaFolderNode parent) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(path), newQualifiedName(name),
                LocalizedText.english(name));
        getNodeManager().addNode(folder);
        if (parent != null) {
            parent.addOrganizes(folder);
        }
        return folder;
    }

    private void variable(String path, UaFolderNode parent, NodeId type, Object value, java.util.Set<AccessLevel> access,
            String description) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        UaVariableNode.UaVariableNodeBuilder builder = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(path)).setAccessLevel(access).setUserAccessLevel(access)
                .setBrowseName(newQualifiedName(name)).setDisplayName(LocalizedText.english(name)).setDataType(type)
                .setTypeDefinition(NodeIds.BaseDataVariableType);
        if (description != null) {
            builder.setDescription(LocalizedText.english(description));
        }
        if (value.getClass().isArray()) {
            builder.setValueRank(1);
        }
        UaVariableNode node = builder.build();
        node.setValue(new DataValue(new Variant(value)));
        getNodeManager().addNode(node);
        parent.addOrganizes(node);
        variables.put(path, node);
    }

    /** Changes a variable's value as the machine would. */
    void set(String path, Object value) {
        variables.get(path).setValue(new DataValue(new Variant(value)));
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        subscriptions.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        subscriptions.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        subscriptions.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        subscriptions.onMonitoringModeChanged(monitoredItems);
    }
}
