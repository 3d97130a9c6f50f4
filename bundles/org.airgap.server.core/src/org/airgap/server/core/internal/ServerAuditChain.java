package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Appends to the server's own audit trail, a hash chain in {@code server_audit} (schema migration 8):
 * each row holds its sequence number, the previous entry's hash and its own ({@link ServerAuditEntry}).
 * Every append happens in the transaction of the change it records. The single row of
 * {@code server_audit_head} holds the chain's last sequence number and hash: an append updates it first,
 * which locks it until the transaction ends, so concurrent writers take their turns and the chain never
 * forks; a transaction that rolls back takes its entry and the head's advance with it.
 */
final class ServerAuditChain {

    /** Row columns a {@link ServerAuditEntry} is read from, in this order. */
    static final String ENTRY_COLUMNS = "sequence, time, user_name, kind, subject, details, previous_hash, hash";

    private ServerAuditChain() {
    }

    /**
     * Appends an entry in {@code connection}'s transaction; {@code clientAddress} and {@code outcome} fill the
     * columns the login list reads (their words are in {@code details} too, which the hash covers).
     */
    static ServerAuditEntry append(Connection connection, Instant time, String user, String action, String subject,
            String details, String clientAddress, String outcome) throws SQLException {
        ServerAuditEntry entry = next(connection, time, user, action, subject, details);
        Jdbc.update(connection, "INSERT INTO server_audit (" + ENTRY_COLUMNS + ", client_address, outcome)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry.sequence(), entry.time(), entry.user(),
                entry.action(), entry.subject(), entry.details(), entry.previousHash(), entry.hash(), clientAddress,
                outcome);
        return entry;
    }

    /**
     * Chains the rows written before the trail was a chain (logins and refused automatic versions of schema
     * 3 and 4), in the order they were written, once: all in one transaction, so a crash leaves them as they
     * were and the next start does it again. A row inserted later without a hash is not chained: it is
     * reported as outside the chain.
     */
    static int chainUnchainedRows(Connection connection) throws SQLException {
        boolean done = Jdbc.first(connection, "SELECT legacy_chained FROM server_audit_head WHERE id = 1"
                + " FOR UPDATE", // one node chains them; another starting at once waits and finds them done
                row -> row.getBoolean(1)).orElseThrow(ServerAuditChain::noHead);
        if (done) {
            return 0;
        }
        record Unchained(long id, Instant time, String user, String kind, String clientAddress, String outcome,
                String details) {
        }
        List<Unchained> rows = Jdbc.list(connection, "SELECT id, time, user_name, kind, client_address, outcome,"
                + " details FROM server_audit WHERE hash IS NULL ORDER BY id",
                row -> new Unchained(row.getLong(1), Jdbc.instant(row, 2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7)));
        for (Unchained row : rows) {
            String details = row.details() != null ? row.details()
                    : ServerAudit.LOGIN.equals(row.kind()) ? ServerAudit.loginDetails(row.outcome(), row.clientAddress())
                            : row.outcome();
            ServerAuditEntry entry = next(connection, row.time(), row.user(), row.kind(), "", details);
            Jdbc.update(connection, "UPDATE server_audit SET sequence = ?, time = ?, subject = ?, details = ?,"
                    + " previous_hash = ?, hash = ? WHERE id = ?", entry.sequence(), entry.time(), entry.subject(),
                    entry.details(), entry.previousHash(), entry.hash(), row.id());
        }
        Jdbc.update(connection, "UPDATE server_audit_head SET legacy_chained = TRUE WHERE id = 1");
        return rows.size();
    }

    /**
     * Takes the next place in the chain. The UPDATE comes first: it waits for a concurrent writer's
     * transaction to end and then counts on from what that one committed.
     */
    private static ServerAuditEntry next(Connection connection, Instant time, String user, String action,
            String subject, String details) throws SQLException {
        if (Jdbc.update(connection, "UPDATE server_audit_head SET sequence = sequence + 1 WHERE id = 1") != 1) {
            throw noHead();
        }
        record Head(long sequence, String hash) {
        }
        Head head = Jdbc.first(connection, "SELECT sequence, hash FROM server_audit_head WHERE id = 1",
                row -> new Head(row.getLong(1), row.getString(2))).orElseThrow(ServerAuditChain::noHead);
        // Stored timestamps keep milliseconds at most: the hash must cover the time as it is read back.
        ServerAuditEntry entry = ServerAuditEntry.create(head.sequence(), time.truncatedTo(ChronoUnit.MILLIS), user,
                action, subject, details, head.hash());
        Jdbc.update(connection, "UPDATE server_audit_head SET hash = ? WHERE id = 1", entry.hash());
        return entry;
    }

    private static IllegalStateException noHead() {
        return new IllegalStateException("the table server_audit_head has no row: the database was changed outside"
                + " the server (schema migration 8 creates it)");
    }
}
