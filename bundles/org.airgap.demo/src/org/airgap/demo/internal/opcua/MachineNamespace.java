package org.airgap.demo.internal.opcua;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
 * A machine's address space on a {@link MachineServer}: folders and variables with string node ids equal to
 * their path ({@code Filler1/Speed}), the top folders organised under {@code Objects}. The content is
 * added by the {@code addressSpace} callback when the namespace starts; {@link #set} changes a value as the
 * machine would.
 */
public final class MachineNamespace extends ManagedNamespaceWithLifecycle {

    private final SubscriptionModel subscriptions;
    private final Map<String, UaVariableNode> variables = new ConcurrentHashMap<>();

    MachineNamespace(OpcUaServer server, String namespaceUri, Consumer<MachineNamespace> addressSpace) {
        super(server, namespaceUri);
        subscriptions = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptions);
        getLifecycleManager().addStartupTask(() -> addressSpace.accept(this));
    }

    /** Adds the folder {@code path} (its last segment is its name) below {@code parent}, or below Objects. */
    public UaFolderNode folder(String path, UaFolderNode parent) {
        String name = name(path);
        UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(path), newQualifiedName(name),
                LocalizedText.english(name));
        getNodeManager().addNode(folder);
        if (parent == null) {
            folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(),
                    false));
        } else {
            parent.addOrganizes(folder);
        }
        return folder;
    }

    /** Adds the variable {@code path}; an array value makes it a one-dimensional array. */
    public void variable(String path, UaFolderNode parent, NodeId type, Object value, Set<AccessLevel> access,
            String description) {
        String name = name(path);
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

    /** Changes the value of the variable {@code path}. */
    public void set(String path, Object value) {
        UaVariableNode node = variables.get(path);
        if (node == null) {
            throw new IllegalArgumentException("no variable " + path);
        }
        node.setValue(new DataValue(new Variant(value)));
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
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
