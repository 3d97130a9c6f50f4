package org.airgap.client.admin.plant.internal;

import org.airgap.client.forms.ComponentDraft;
import org.airgap.client.forms.ComponentEditorDialog;
import org.airgap.client.forms.DriverCatalog;
import org.airgap.client.forms.JobDraft;
import org.airgap.client.forms.JobEditorDialog;
import org.airgap.model.Component;
import org.airgap.model.Job;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

/**
 * The Plant view's editors: the forms generated from the installed drivers' parameter descriptors
 * (org.airgap.client.forms), which show plain key/value rows for a device type whose driver is not installed here.
 */
final class FormEditors implements PlantEditors {

    private final DriverCatalog catalog;

    FormEditors(DriverCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Component newComponent(Shell shell, String folderId) {
        ComponentEditorDialog dialog = ComponentEditorDialog.create(shell, catalog, "");
        if (dialog.open() != Window.OK) {
            return null;
        }
        ComponentDraft draft = dialog.result();
        return new Component(draft.id(), draft.name(), folderId, draft.deviceType(), draft.connection());
    }

    @Override
    public Component editComponent(Shell shell, Component current) {
        ComponentEditorDialog dialog = ComponentEditorDialog.edit(shell, catalog, new ComponentDraft(current.id(),
                current.name(), current.deviceType(), current.connection()));
        if (dialog.open() != Window.OK) {
            return null;
        }
        ComponentDraft draft = dialog.result();
        return new Component(current.id(), draft.name(), current.folderId(), draft.deviceType(), draft.connection());
    }

    @Override
    public Job newJob(Shell shell, Component component) {
        JobEditorDialog dialog = JobEditorDialog.create(shell, catalog, component.deviceType(),
                component.connection());
        if (dialog.open() != Window.OK) {
            return null;
        }
        JobDraft draft = dialog.result();
        return new Job(draft.id(), component.id(), draft.name(), draft.parameters(), draft.options());
    }

    @Override
    public Job editJob(Shell shell, Job current, Component component) {
        JobEditorDialog dialog = JobEditorDialog.edit(shell, catalog, component.deviceType(),
                component.connection(), new JobDraft(current.id(), current.name(), current.parameters(),
                        current.options()));
        if (dialog.open() != Window.OK) {
            return null;
        }
        JobDraft draft = dialog.result();
        return new Job(current.id(), current.componentId(), draft.name(), draft.parameters(), draft.options());
    }
}
