package org.airgap.server.core.internal;

import java.time.Instant;
import java.util.Objects;

import org.airgap.audit.AuditChain;

/**
 * One entry of the server's own audit trail (a row of {@code server_audit}), chained and hashed by the
 * same rules as a laptop's entries ({@link AuditChain}); its action is a word of the server's own (LOGIN,
 * COMMIT, FOLDER_CREATE, …) rather than a laptop's {@link org.airgap.audit.AuditAction}.
 *
 * @param user who did it; empty for a login attempt that gave no user name
 */
record ServerAuditEntry(long sequence, Instant time, String user, String action, String subject, String details,
        String previousHash, String hash) implements AuditChain.Link {

    ServerAuditEntry {
        Objects.requireNonNull(time, "time");
        user = user == null ? "" : user;
        Objects.requireNonNull(action, "action");
        subject = subject == null ? "" : subject;
        details = details == null ? "" : details;
    }

    /** The entry after the one whose hash is {@code previousHash}, with its hash computed. */
    static ServerAuditEntry create(long sequence, Instant time, String user, String action, String subject,
            String details, String previousHash) {
        ServerAuditEntry unhashed = new ServerAuditEntry(sequence, time, user, action, subject, details, previousHash,
                null);
        return new ServerAuditEntry(sequence, time, unhashed.user, action, unhashed.subject, unhashed.details,
                previousHash, unhashed.computeHash());
    }

    String computeHash() {
        return AuditChain.hash(previousHash, sequence, time, user, action, subject, details);
    }

    @Override
    public boolean hashValid() {
        return hash != null && previousHash != null && hash.equals(computeHash());
    }
}
