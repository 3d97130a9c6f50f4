package org.airgap.client.ui;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;

/**
 * The workbench's shared 16x16 icons (in this bundle's {@code icons/}), so that every view shows a
 * warning or a folder the same way. Create images through a {@code LocalResourceManager}, which disposes
 * them with the view.
 */
public final class WorkbenchImages {

    public static final String WARNING = "warning.png";
    public static final String INFO = "info.png";
    public static final String ERROR = "result-error.png";
    public static final String RUN = "run.png";
    public static final String RUNNING = "running.png";
    public static final String CANCEL = "cancel.png";
    public static final String FOLDER = "folder.png";
    public static final String DEVICE = "device.png";

    private WorkbenchImages() {
    }

    /** One of the constants above, or a file name in {@code icons/}. */
    public static ImageDescriptor descriptor(String name) {
        return ResourceLocator.imageDescriptorFromBundle(WorkbenchImages.class, "icons/" + name)
                .orElseThrow(() -> new IllegalArgumentException("No icon icons/" + name + " in org.airgap.client"));
    }

    /** The {@code platform:/plugin} URI of an icon, for an application model element's {@code iconURI}. */
    public static String uri(String name) {
        return "platform:/plugin/org.airgap.client/icons/" + name;
    }
}
