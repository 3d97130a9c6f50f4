package org.airgap.protocol;

/** The answer to an AuditUpload. */
public record AuditAck(int stored, int alreadyKnown) {
}
