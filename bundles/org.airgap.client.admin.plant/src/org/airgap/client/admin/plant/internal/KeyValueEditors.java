package org.airgap.client.admin.plant.internal;

import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.eclipse.swt.widgets.Shell;

/**
 * The Plant view's editors as plain key=value rows ({@link KeyValueDialog}): what a device type whose driver is not
 * installed in this workbench gets, and what the view uses until generated forms are set. A new job takes the
 * documented default options; an edited one keeps its options.
 */
final class KeyValueEditors implements PlantEditors {

    @Override
    public Component newComponent(Shell shell, String folderId) {
        return open(shell, "New Component in " + folderId, new KeyValueDialog.Values("", "", "", Map.of()), true,
                true, "&Connection:", values -> new Component(values.id(), values.name(), folderId,
                        values.deviceType(), values.parameters()));
    }

    @Override
    public Component editComponent(Shell shell, Component current) {
        return open(shell, "Edit Component " + current.id(), new KeyValueDialog.Values(current.id(), current.name(),
                current.deviceType(), current.connection()), false, true, "&Connection:",
                values -> new Component(current.id(), values.name(), current.folderId(), values.deviceType(),
                        values.parameters()));
    }

    @Override
    public Job newJob(Shell shell, Component component) {
        return open(shell, "New Job for " + component.id(), new KeyValueDialog.Values("", "", component.deviceType(),
                Map.of()), true, false, "&Parameters:", values -> new Job(values.id(), component.id(), values.name(),
                        values.parameters(), JobOptions.documentDefaults()));
    }

    @Override
    public Job editJob(Shell shell, Job current, Component component) {
        return open(shell, "Edit Job " + current.id(), new KeyValueDialog.Values(current.id(), current.name(),
                component == null ? "" : component.deviceType(), current.parameters()), false, false,
                "&Parameters:", values -> new Job(current.id(), current.componentId(), values.name(),
                        values.parameters(), current.options()));
    }

    private static <T> T open(Shell shell, String title, KeyValueDialog.Values initial, boolean newItem,
            boolean withDeviceType, String parametersLabel, java.util.function.Function<KeyValueDialog.Values, T> result) {
        return new KeyValueDialog<>(shell, title, initial, newItem, withDeviceType, parametersLabel, result).openFor();
    }
}
