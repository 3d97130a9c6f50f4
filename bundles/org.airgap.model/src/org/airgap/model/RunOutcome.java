package org.airgap.model;

/** The state of a run: running, or how it ended. */
public enum RunOutcome {
    RUNNING, SUCCEEDED, FAILED, CANCELLED
}
