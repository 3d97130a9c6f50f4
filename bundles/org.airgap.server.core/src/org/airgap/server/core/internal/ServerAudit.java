package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.airgap.server.core.LoginRecord;
import org.airgap.server.core.ServerException;

/**
 * The server's own audit trail (table {@code server_audit}): what the server itself saw, such as each
 * login attempt. Separate from {@link AuditEntries}, whose entries laptops write and upload.
 */
final class ServerAudit {

    static final String LOGIN = "LOGIN";
    /** An automatic version the server refused (a different device); the details say which run and why. */
    static final String AUTO_VERSION = "AUTO_VERSION";

    private final Jdbc jdbc;

    ServerAudit(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void recordLogin(LoginRecord login) {
        try {
            jdbc.transaction(connection -> Jdbc.update(connection, "INSERT INTO server_audit (time, kind, user_name,"
                    + " client_address, outcome) VALUES (?, ?, ?, ?, ?)", login.time(), LOGIN, login.user(),
                    login.clientAddress(), login.outcome().name()));
        } catch (ServerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Records in {@code connection}'s transaction that run {@code runId}, uploaded by {@code user}, did not
     * become the automatic version its job asks for. There is no client address at this layer: it is empty.
     */
    static void recordRefusedVersion(Connection connection, Instant time, String user, String runId, String jobId,
            String refusal) throws SQLException {
        Jdbc.update(connection, "INSERT INTO server_audit (time, kind, user_name, client_address, outcome, details)"
                + " VALUES (?, ?, ?, ?, ?, ?)", time, AUTO_VERSION, user, "", "REFUSED", "run " + runId + " of job "
                        + jobId + ": " + refusal);
    }

    /**
     * Records in {@code connection}'s transaction an administrative change or another event of the server's
     * own trail: {@code user} did {@code action} (an upper-case word such as {@code FOLDER_CREATE},
     * {@code USER_DISABLE}, {@code VERSION_CHECKIN}, {@code GC}) on {@code subject} (what it was done to,
     * such as {@code folder plant-1}); {@code details} say what changed, in words. Every administrative
     * change goes through here, in the transaction that makes it.
     */
    static void recordChange(Connection connection, Instant time, String user, String action, String subject,
            String details) throws SQLException {
        Jdbc.update(connection, "INSERT INTO server_audit (time, kind, user_name, client_address, outcome, details)"
                + " VALUES (?, ?, ?, ?, ?, ?)", time, action, user, "", "OK", subject + ": " + details);
    }

    /** The latest {@code limit} logins, newest first. */
    List<LoginRecord> logins(int limit) {
        return jdbc.read(connection -> Jdbc.list(connection, "SELECT time, user_name, client_address, outcome"
                + " FROM server_audit WHERE kind = ? ORDER BY id DESC FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY",
                row -> new LoginRecord(Jdbc.instant(row, 1), row.getString(2), row.getString(3),
                        LoginRecord.Outcome.valueOf(row.getString(4))), LOGIN));
    }
}
