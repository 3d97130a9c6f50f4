package org.airgap.protocol;

/** A job assigned to a technician. */
public record Assignment(String jobId, String user) {
}
