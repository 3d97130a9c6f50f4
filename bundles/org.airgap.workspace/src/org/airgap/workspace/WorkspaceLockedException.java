package org.airgap.workspace;

import java.io.IOException;
import java.nio.file.Path;

/** Another process uses the workspace: the message names it and what to do. */
public class WorkspaceLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path workspace;
    private final String holder;

    public WorkspaceLockedException(Path workspace, String holder) {
        super("The workspace " + workspace + " is in use by another Airgap process (" + holder
                + "). Close that Airgap, or choose another workspace.");
        this.workspace = workspace;
        this.holder = holder;
    }

    public Path workspace() {
        return workspace;
    }

    /** The holder as recorded in the lock file, for example "PID 4711 on host plant-laptop". */
    public String holder() {
        return holder;
    }
}
