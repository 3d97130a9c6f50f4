package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.airgap.audit.AuditChain;
import org.airgap.audit.AuditEntry;
import org.airgap.protocol.AuditTrailCheck;

/**
 * Checks the server's own audit trail ({@link ServerAuditChain}): every row in the chain, each matching
 * its hash and following the one before, and the chain ending where the server's head says it does (so
 * rows deleted from the end show). Reads the rows in order without keeping them.
 */
final class ServerTrailVerification {

    static final String TRAIL = "server";

    private ServerTrailVerification() {
    }

    static AuditTrailCheck verify(Connection connection) throws SQLException {
        record Head(long sequence, String hash) {
        }
        Head head = Jdbc.first(connection, "SELECT sequence, hash FROM server_audit_head WHERE id = 1",
                row -> new Head(row.getLong(1), row.getString(2))).orElse(new Head(0, AuditEntry.GENESIS_HASH));
        long entries = 0;
        ServerAuditEntry previous = null;
        long brokenSequence = 0;
        String problem = null;
        try (PreparedStatement query = connection.prepareStatement("SELECT " + ServerAuditChain.ENTRY_COLUMNS
                + ", id, client_address, outcome FROM server_audit ORDER BY sequence NULLS FIRST, id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries++;
                if (problem != null) {
                    continue;
                }
                long expected = previous == null ? 1 : previous.sequence() + 1;
                ServerAuditEntry entry = entry(rows);
                if (entry == null) {
                    brokenSequence = expected;
                    problem = "row " + rows.getLong(9) + " (" + rows.getString(4) + " by " + rows.getString(3)
                            + ") has no sequence number or hash: it was added or changed outside the server";
                    continue;
                }
                AuditChain.Break broken = AuditChain.check(previous, entry);
                if (broken == null && !loginColumnsAgree(entry, rows.getString(10), rows.getString(11))) {
                    broken = AuditChain.Break.HASH_MISMATCH;
                }
                if (broken != null) {
                    brokenSequence = broken == AuditChain.Break.GAP ? expected : entry.sequence();
                    problem = describe(broken, entry, expected);
                    continue;
                }
                previous = entry;
            }
        }
        long last = previous == null ? 0 : previous.sequence();
        String lastHash = previous == null ? AuditEntry.GENESIS_HASH : previous.hash();
        if (problem == null && (last != head.sequence() || !lastHash.equals(head.hash()))) {
            brokenSequence = last + 1;
            problem = "the chain ends at entry " + last + " but the server wrote entries up to " + head.sequence()
                    + ": entries at the end were removed";
        }
        return new AuditTrailCheck(TRAIL, List.of(), entries, problem == null, brokenSequence, problem);
    }

    /** The row's entry; {@code null} for a row outside the chain. */
    private static ServerAuditEntry entry(ResultSet row) throws SQLException {
        Long sequence = row.getObject(1, Long.class);
        String previousHash = row.getString(7);
        String hash = row.getString(8);
        if (sequence == null || previousHash == null || hash == null) {
            return null;
        }
        return new ServerAuditEntry(sequence, Jdbc.instant(row, 2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), previousHash, hash);
    }

    /** A login's outcome and address are columns of their own for the login list: they must say what the hash covers. */
    private static boolean loginColumnsAgree(ServerAuditEntry entry, String clientAddress, String outcome) {
        return !ServerAudit.LOGIN.equals(entry.action())
                || entry.details().equals(ServerAudit.loginDetails(outcome, clientAddress));
    }

    private static String describe(AuditChain.Break broken, ServerAuditEntry entry, long expected) {
        String what = "entry " + entry.sequence() + " (" + entry.action() + " by " + entry.user() + " at "
                + entry.time() + ")";
        return switch (broken) {
        case HASH_MISMATCH -> what + " does not match its hash: the row was edited";
        case GAP -> "entry " + expected + " is missing (the next is " + entry.sequence() + "): rows were removed";
        case OUT_OF_ORDER -> what + " is out of order: rows were inserted or renumbered";
        case WRONG_LINK -> what + " does not follow the entry before it (its previous hash differs):"
                + " an entry was replaced";
        };
    }
}
