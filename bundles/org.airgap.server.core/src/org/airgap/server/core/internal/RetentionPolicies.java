package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.internal.RetentionRules.Target;

/**
 * The retention policies aggregate (table {@code retention_policies}): set, cleared and read per folder or
 * component; each change is recorded in the server's audit trail in its transaction.
 */
final class RetentionPolicies {

    static final String SET = "RETENTION_SET";
    static final String CLEAR = "RETENTION_CLEAR";
    private static final int MAX_KEEP_VERSIONS = 1_000_000;
    private static final Duration MAX_DURATION = Duration.ofDays(100 * 365);

    private final Jdbc jdbc;

    RetentionPolicies(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Every policy set, folders first, by id. */
    List<RetentionSetting> all() {
        return jdbc.read(connection -> new ArrayList<>(read(connection).values()));
    }

    /** The policy that applies to the target (its own or the nearest folder's up the tree). */
    RetentionSetting applying(Target target) throws ServerException {
        return jdbc.transaction(connection -> applying(connection, target));
    }

    RetentionSetting set(Target target, RetentionPolicy policy, String user) throws ServerException {
        check(policy);
        return jdbc.transaction(connection -> {
            requireExists(connection, target);
            Instant now = jdbc.now();
            Jdbc.update(connection, "DELETE FROM retention_policies WHERE target_kind = ? AND target_id = ?",
                    target.kind(), target.id());
            Jdbc.update(connection, "INSERT INTO retention_policies (target_kind, target_id, keep_versions,"
                    + " keep_versions_seconds, keep_run_snapshots_seconds, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    target.kind(), target.id(), policy.keepVersions(), seconds(policy.keepVersionsFor()),
                    seconds(policy.keepRunSnapshotsFor()), user, now);
            ServerAudit.recordChange(connection, now, user, SET, target.kind() + " " + target.id(), describe(policy));
            return applying(connection, target);
        });
    }

    /** Removes the target's own policy; answers the one that applies there afterwards. */
    RetentionSetting clear(Target target, String user) throws ServerException {
        return jdbc.transaction(connection -> {
            requireExists(connection, target);
            if (Jdbc.update(connection, "DELETE FROM retention_policies WHERE target_kind = ? AND target_id = ?",
                    target.kind(), target.id()) == 0) {
                throw new ServerException(Kind.NOT_FOUND, target.kind() + " " + target.id()
                        + " has no retention policy of its own to clear");
            }
            ServerAudit.recordChange(connection, jdbc.now(), user, CLEAR, target.kind() + " " + target.id(),
                    "its own retention policy removed");
            return applying(connection, target);
        });
    }

    private static RetentionSetting applying(Connection connection, Target target) throws SQLException,
            ServerException {
        String folderOfComponent = requireExists(connection, target);
        Map<Target, RetentionSetting> settings = read(connection);
        Map<Target, RetentionPolicy> policies = new HashMap<>();
        settings.forEach((key, setting) -> policies.put(key, setting.policy()));
        Optional<Target> from = RetentionRules.applying(target, folderOfComponent, parents(connection), policies);
        if (from.isEmpty()) {
            return new RetentionSetting(target.kind(), target.id(), RetentionPolicy.KEEP_EVERYTHING, null, null, null,
                    null);
        }
        RetentionSetting set = settings.get(from.get());
        return new RetentionSetting(target.kind(), target.id(), set.policy(), set.fromKind(), set.fromId(),
                set.setBy(), set.setAt());
    }

    /** The policies set, by target. */
    static Map<Target, RetentionSetting> read(Connection connection) throws SQLException {
        Map<Target, RetentionSetting> settings = new LinkedHashMap<>();
        for (RetentionSetting setting : Jdbc.list(connection, "SELECT target_kind, target_id, keep_versions,"
                + " keep_versions_seconds, keep_run_snapshots_seconds, set_by, set_at FROM retention_policies"
                + " ORDER BY target_kind DESC, target_id", row -> new RetentionSetting(row.getString(1),
                        row.getString(2), new RetentionPolicy(row.getObject(3, Integer.class), duration(row.getObject(4,
                                Long.class)), duration(row.getObject(5, Long.class))), row.getString(1),
                        row.getString(2), row.getString(6), Jdbc.instant(row, 7)))) {
            settings.put(new Target(setting.kind(), setting.id()), setting);
        }
        return settings;
    }

    /** Each folder's parent. */
    static Map<String, String> parents(Connection connection) throws SQLException {
        Map<String, String> parents = new HashMap<>();
        for (String[] row : Jdbc.list(connection, "SELECT id, parent_id FROM folders",
                row -> new String[] { row.getString(1), row.getString(2) })) {
            parents.put(row[0], row[1]);
        }
        return parents;
    }

    /** @return the component's folder, {@code null} for a folder */
    private static String requireExists(Connection connection, Target target) throws SQLException, ServerException {
        if (target.kind().equals(RetentionSetting.FOLDER)) {
            if (!Jdbc.exists(connection, "SELECT 1 FROM folders WHERE id = ?", target.id())) {
                throw new ServerException(Kind.NOT_FOUND, "no folder '" + target.id() + "'");
            }
            return null;
        }
        if (!target.kind().equals(RetentionSetting.COMPONENT)) {
            throw new ServerException(Kind.BAD_REQUEST, "a retention policy is set on a folder or a component, not on '"
                    + target.kind() + "'");
        }
        return Jdbc.first(connection, "SELECT folder_id FROM components WHERE id = ?", row -> row.getString(1),
                target.id()).orElseThrow(() -> new ServerException(Kind.NOT_FOUND, "no component '" + target.id()
                        + "'"));
    }

    static void check(RetentionPolicy policy) throws ServerException {
        if (policy == null) {
            throw new ServerException(Kind.BAD_REQUEST, "a retention policy needs a body such as"
                    + " {\"keepVersions\": 10, \"keepVersionsFor\": \"P30D\", \"keepRunSnapshotsFor\": \"P90D\"}");
        }
        Integer count = policy.keepVersions();
        if (count != null && (count < 1 || count > MAX_KEEP_VERSIONS)) {
            throw new ServerException(Kind.BAD_REQUEST, "keepVersions must be from 1 to " + MAX_KEEP_VERSIONS
                    + " (the latest version is always kept), not " + count);
        }
        checkDuration("keepVersionsFor", policy.keepVersionsFor());
        checkDuration("keepRunSnapshotsFor", policy.keepRunSnapshotsFor());
    }

    private static void checkDuration(String field, Duration duration) throws ServerException {
        if (duration != null && (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0)) {
            throw new ServerException(Kind.BAD_REQUEST, field + " must be longer than zero and at most 100 years, not "
                    + duration);
        }
    }

    /** The policy in words, for the audit trail. */
    static String describe(RetentionPolicy policy) {
        List<String> parts = new ArrayList<>();
        if (policy.keepVersions() == null && policy.keepVersionsFor() == null) {
            parts.add("keep every version");
        } else {
            if (policy.keepVersions() != null) {
                parts.add("keep the last " + policy.keepVersions() + " version(s)");
            }
            if (policy.keepVersionsFor() != null) {
                parts.add("keep versions younger than " + words(policy.keepVersionsFor()));
            }
        }
        parts.add(policy.keepRunSnapshotsFor() == null ? "keep every run snapshot"
                : "keep run snapshots for " + words(policy.keepRunSnapshotsFor()));
        return String.join(", ", parts);
    }

    static String words(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0) {
            return duration.toDays() + " day(s)";
        }
        return duration.toSeconds() % 3600 == 0 ? duration.toHours() + " hour(s)" : duration.toSeconds() + " s";
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private static Duration duration(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }
}
