package org.airgap.server.core.internal;

import java.util.List;

import org.airgap.audit.AuditEntry;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.core.ServerException;

/**
 * The audit aggregate (table {@code audit}): the entries laptops upload, each kept once by its hash,
 * with the user who uploaded it and when it arrived.
 */
final class AuditEntries {

    private final Jdbc jdbc;

    AuditEntries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    AuditAck store(String user, List<AuditEntry> entries) {
        try {
            return jdbc.transaction(connection -> {
                int stored = 0;
                int known = 0;
                for (AuditEntry entry : entries) {
                    if (Jdbc.exists(connection, "SELECT 1 FROM audit WHERE hash = ?", entry.hash())) {
                        known++;
                        continue;
                    }
                    Jdbc.update(connection, "INSERT INTO audit (hash, user_name, sequence, time, action, subject,"
                            + " details, entry_json, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", entry.hash(), user,
                            entry.sequence(), entry.time(), entry.action().name(), entry.subject(), entry.details(),
                            ProtocolJson.write(entry), jdbc.now());
                    stored++;
                }
                return new AuditAck(stored, known);
            });
        } catch (ServerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
