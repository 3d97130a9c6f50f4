package org.airgap.workspace;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import org.airgap.workspace.internal.LocalWorkspace;

/**
 * A {@link JobRepository} opened by this process on a workspace folder, until {@link #close()}. The
 * DS service uses one; tools and tests open their own.
 */
public interface Workspace extends JobRepository, Closeable {

    /**
     * Opens (creating if needed) the workspace at {@code location}, repairing what a crash left (see
     * {@link #recoveryNotes()}).
     *
     * @throws WorkspaceLockedException when another process has it open
     */
    static Workspace open(Path location) throws IOException {
        return LocalWorkspace.open(location);
    }
}
