package org.airgap.client.session.internal;

import java.nio.file.Path;

import org.airgap.workspace.JobRepository;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The workbench's own preferences (instance scope, node {@value #NODE}): what the technician typed last
 * and chose in Window > Preferences.
 */
public final class ClientPreferences {

    public static final String NODE = "org.airgap.client";
    /** The server's base URL, remembered after each successful online login. */
    public static final String SERVER_URL = "server.url";
    /** The workspace folder for the next start; empty for the default. */
    public static final String WORKSPACE = "workspace.folder";

    private ClientPreferences() {
    }

    private static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    public static String get(String key) {
        return node().get(key, "").strip();
    }

    /** Stores {@code value} (blank: removes it) and writes it to disk at once. */
    public static void set(String key, String value) {
        IEclipsePreferences node = node();
        if (value == null || value.isBlank()) {
            node.remove(key);
        } else {
            node.put(key, value.strip());
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot save the preference " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies the workspace folder preference for this start: sets {@value JobRepository#WORKSPACE_PROPERTY} unless the
     * property or {@value JobRepository#WORKSPACE_ENVIRONMENT} already chose one (the command line wins). Must run before
     * the job repository service activates.
     *
     * @return the folder applied, or {@code null} when the preference was not used
     */
    public static Path applyWorkspaceFolder() {
        String folder = get(WORKSPACE);
        if (folder.isEmpty() || System.getProperty(JobRepository.WORKSPACE_PROPERTY) != null
                || System.getenv(JobRepository.WORKSPACE_ENVIRONMENT) != null) {
            return null;
        }
        System.setProperty(JobRepository.WORKSPACE_PROPERTY, folder);
        return Path.of(folder);
    }
}
