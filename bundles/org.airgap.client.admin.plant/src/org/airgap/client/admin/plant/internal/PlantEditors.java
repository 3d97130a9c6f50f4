package org.airgap.client.admin.plant.internal;

import org.airgap.model.Component;
import org.airgap.model.Job;
import org.eclipse.swt.widgets.Shell;

/**
 * Where the Plant view gets a component's or a job's values from the administrator: New Component…, New Job… and
 * Edit…. Each method shows its editor and returns what to send to the server, or {@code null} when the
 * administrator cancelled. {@link FormEditors} shows the forms generated from the installed drivers' parameter
 * descriptors.
 */
public interface PlantEditors {

    /** A new component in folder {@code folderId}. */
    Component newComponent(Shell shell, String folderId);

    /** The component's new name, device type and connection (its id and folder stay). */
    Component editComponent(Shell shell, Component current);

    /** A new job backing up {@code component}. */
    Job newJob(Shell shell, Component component);

    /** The job's new name and parameters (its id, component and options stay); {@code component} is the one it backs up. */
    Job editJob(Shell shell, Job current, Component component);
}
