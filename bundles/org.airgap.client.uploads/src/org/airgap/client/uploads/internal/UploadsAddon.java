package org.airgap.client.uploads.internal;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.core.contexts.IEclipseContext;

/**
 * Puts this workbench's {@link UploadActivity} into the application context, where the Sync handler and
 * the Uploads view find the same one (one per workbench, not per OSGi runtime).
 */
public class UploadsAddon {

    @PostConstruct
    void start(IEclipseContext context) {
        context.set(UploadActivity.class, new UploadActivity(context));
    }
}
