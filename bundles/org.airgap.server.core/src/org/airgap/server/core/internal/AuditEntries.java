package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.airgap.audit.AuditChain;
import org.airgap.audit.AuditEntry;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * The audit aggregate (table {@code audit}): the entries laptops upload, each kept once by its hash, with
 * its own user as written, the user who uploaded it (on a shared laptop the trail holds every user's
 * entries) and when it arrived. Each entry must pass the chain's rule ({@link AuditChain}) after the entry
 * it names as its previous one: its hash is its content's, the entry before it is on the server (no gap),
 * and no other entry follows that one (no fork). A batch is stored whole or not at all.
 */
final class AuditEntries {

    private final Jdbc jdbc;
    /** Serializes uploads, so that two cannot both add an entry after the same one. */
    private final ReentrantLock lock = new ReentrantLock();

    AuditEntries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws ServerException BAD_REQUEST naming the first entry that breaks its trail's chain; nothing is stored */
    AuditAck store(String uploader, List<AuditEntry> entries) throws ServerException {
        lock.lock();
        try {
            return jdbc.transaction(connection -> {
                Map<String, AuditEntry> batch = new HashMap<>();
                int stored = 0;
                int known = 0;
                for (AuditEntry entry : entries) {
                    if (!entry.hashValid()) {
                        throw refused(entry, "does not match its hash: it was edited or forged");
                    }
                    batch.put(entry.hash(), entry);
                    if (Jdbc.exists(connection, "SELECT 1 FROM audit WHERE hash = ?", entry.hash())) {
                        known++;
                        continue;
                    }
                    checkFollows(connection, batch, entry);
                    Jdbc.update(connection, "INSERT INTO audit (hash, user_name, sequence, time, action, subject,"
                            + " details, entry_json, received, uploaded_by, previous_hash)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry.hash(), entry.user(),
                            entry.sequence(), entry.time(), entry.action().name(), entry.subject(), entry.details(),
                            ProtocolJson.write(entry), jdbc.now(), uploader, entry.previousHash());
                    stored++;
                }
                return new AuditAck(stored, known);
            });
        } finally {
            lock.unlock();
        }
    }

    /** The entry continues its trail: after the entry it names, which is on the server, and as the only one after it. */
    private static void checkFollows(Connection connection, Map<String, AuditEntry> batch, AuditEntry entry)
            throws SQLException, ServerException {
        AuditEntry previous = null;
        if (entry.sequence() > 1) {
            previous = batch.get(entry.previousHash());
            if (previous == null) {
                previous = stored(connection, entry.previousHash()).orElseThrow(() -> refused(entry,
                        "follows entry " + entry.previousHash() + ", which the server does not have: entries before it"
                                + " are missing (a laptop sends its whole trail again once its workspace's"
                                + " sync/audit-acknowledged.json is removed)"));
            }
        }
        AuditChain.Break broken = AuditChain.check(previous, entry);
        if (broken != null) {
            throw refused(entry, switch (broken) {
            case HASH_MISMATCH -> "does not match its hash: it was edited or forged";
            case GAP, OUT_OF_ORDER -> "has a sequence number that does not follow the entry it names as its previous"
                    + " one (sequence " + (previous == null ? 0 : previous.sequence()) + ")";
            case WRONG_LINK -> "starts a trail but names a previous entry";
            });
        }
        if (entry.sequence() > 1) {
            Optional<String> other = Jdbc.first(connection, "SELECT hash FROM audit WHERE previous_hash = ?",
                    row -> row.getString(1), entry.previousHash());
            if (other.isPresent()) {
                throw refused(entry, "forks the trail: entry " + other.get() + " already follows entry "
                        + entry.previousHash());
            }
        }
    }

    /** A stored entry, as it was uploaded. */
    private static Optional<AuditEntry> stored(Connection connection, String hash) throws SQLException {
        return Jdbc.first(connection, "SELECT entry_json FROM audit WHERE hash = ?",
                row -> ProtocolJson.read(row.getString(1), AuditEntry.class), hash);
    }

    private static ServerException refused(AuditEntry entry, String problem) {
        return new ServerException(Kind.BAD_REQUEST, "audit entry " + entry.sequence() + " (" + entry.hash() + ", "
                + entry.action() + " by " + entry.user() + ") " + problem + "; nothing of this upload was stored");
    }
}
