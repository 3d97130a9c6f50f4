package org.airgap.client.internal;

import org.osgi.framework.FrameworkUtil;

/** The running workbench's version: the version of this bundle, qualifier included. */
final class ClientVersion {

    private ClientVersion() {
    }

    static String get() {
        return FrameworkUtil.getBundle(ClientVersion.class).getVersion().toString();
    }
}
