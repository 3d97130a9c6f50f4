package org.airgap.client.admin.plant.internal;

import org.airgap.client.ui.WorkbenchImages;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;

/**
 * The Plant tree's columns: name (with the folder, device or job icon), id, and the device type; an archived
 * component or job greyed and marked "(archived)".
 */
final class PlantLabels extends ColumnLabelProvider {

    enum Column {
        NAME("Name", 250), ID("Id", 110), DEVICE_TYPE("Device type", 100);

        final String title;
        final int width;

        Column(String title, int width) {
            this.title = title;
            this.width = width;
        }
    }

    private final Column column;
    private final ResourceManager resources;

    PlantLabels(Column column, ResourceManager resources) {
        this.column = column;
        this.resources = resources;
    }

    @Override
    public String getText(Object element) {
        if (!(element instanceof PlantNode node)) {
            return "";
        }
        return switch (column) {
            case NAME -> node.name() + (node.archived() ? " (archived)" : "");
            case ID -> node.id();
            case DEVICE_TYPE -> node.kind() == PlantNode.Kind.COMPONENT ? node.deviceType() : "";
        };
    }

    @Override
    public Image getImage(Object element) {
        if (column != Column.NAME || !(element instanceof PlantNode node)) {
            return null;
        }
        String name = switch (node.kind()) {
            case FOLDER -> WorkbenchImages.FOLDER;
            case COMPONENT -> WorkbenchImages.DEVICE;
            case JOB -> WorkbenchImages.RUN;
        };
        ImageDescriptor descriptor = WorkbenchImages.descriptor(name);
        return descriptor == null ? null : resources.create(descriptor);
    }

    @Override
    public Color getForeground(Object element) {
        return element instanceof PlantNode node && node.archived()
                ? Display.getCurrent().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND) : null;
    }

    @Override
    public String getToolTipText(Object element) {
        return element instanceof PlantNode node && node.archived()
                ? node.subject() + " is archived: Restore brings it back, Purge removes it for good" : null;
    }
}
