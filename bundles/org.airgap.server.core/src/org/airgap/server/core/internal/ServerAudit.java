package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.airgap.server.core.LoginRecord;
import org.airgap.server.core.ServerException;

/**
 * The server's own audit trail (table {@code server_audit}): what the server itself saw, such as each
 * login attempt, and every administrative change. Separate from {@link AuditEntries}, whose entries
 * laptops write and upload; hash-chained like theirs ({@link ServerAuditChain}).
 */
final class ServerAudit {

    static final String LOGIN = "LOGIN";
    /** An automatic version the server refused (a different device); the details say which run and why. */
    static final String AUTO_VERSION = "AUTO_VERSION";
    /** An uploaded run committed; the details say whether it became a version. */
    static final String COMMIT = "COMMIT";

    /** What an action may be: an upper-case word, as long as the {@code kind} column holds. */
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{0,49}");

    private final Jdbc jdbc;

    ServerAudit(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void recordLogin(LoginRecord login) {
        try {
            jdbc.transaction(connection -> ServerAuditChain.append(connection, login.time(), login.user(), LOGIN, "",
                    loginDetails(login.outcome().name(), login.clientAddress()), login.clientAddress(),
                    login.outcome().name()));
        } catch (ServerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Records an administrator's action outside any change of the repository (its own transaction). */
    void recordAdministration(Instant time, String user, String action, String subject, String details) {
        try {
            jdbc.transaction(connection -> {
                recordChange(connection, time, user, action, subject, details);
                return null;
            });
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
        ServerAuditChain.append(connection, time, user, AUTO_VERSION, "job " + jobId, "run " + runId + " of job "
                + jobId + ": " + refusal, "", "REFUSED");
    }

    /** What a login entry's details say: how the attempt ended and where it came from. */
    static String loginDetails(String outcome, String clientAddress) {
        return outcome + " from " + clientAddress;
    }

    /**
     * Records in {@code connection}'s transaction an administrative change or another event of the server's
     * own trail: {@code user} did {@code action} (an upper-case word such as {@code FOLDER_CREATE},
     * {@code USER_DISABLE}, {@code VERSION_CHECKIN}, {@code GC}) on {@code subject} (what it was done to,
     * such as {@code folder plant-1}); {@code details} say what changed, in words. Every administrative
     * change goes through here, in the transaction that makes it: the entry is appended to the chain in
     * that transaction, and concurrent writers wait for each other's commit (or rollback).
     *
     * @throws IllegalArgumentException when {@code action} is not an upper-case word of at most 50 characters
     */
    static void recordChange(Connection connection, Instant time, String user, String action, String subject,
            String details) throws SQLException {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("an audit action is an upper-case word of at most 50 characters,"
                    + " such as FOLDER_CREATE; was '" + action + "'");
        }
        ServerAuditChain.append(connection, time, user, action, subject, details, "", "OK");
    }

    /** The latest {@code limit} logins, newest first. */
    List<LoginRecord> logins(int limit) {
        return jdbc.read(connection -> Jdbc.list(connection, "SELECT time, user_name, client_address, outcome"
                + " FROM server_audit WHERE kind = ? ORDER BY id DESC FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY",
                row -> new LoginRecord(Jdbc.instant(row, 1), row.getString(2), row.getString(3),
                        LoginRecord.Outcome.valueOf(row.getString(4))), LOGIN));
    }
}
