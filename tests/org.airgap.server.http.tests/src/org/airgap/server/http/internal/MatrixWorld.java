package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.ROBOT;
import static org.airgap.server.http.internal.Fixture.ROBOT_JOB;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.protocol.Api;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.server.http.internal.Fixture.Backup;
import org.airgap.store.SnapshotWriter;

/**
 * The data and the callers of {@link AuthorizationMatrixTest}: Alice (technician A) has committed a backup
 * of press-1, which made its version 1; Bob (technician B) one of robot-2; an administrator; a token that
 * was logged out and one that ended by the idle limit. Live tokens are renewed before the idle limit ends
 * them, so that the matrix's cells may run as slowly as the machine does.
 */
final class MatrixWorld {

    /** Short, so that the idle token ends within the test; the live ones are renewed well before. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(8);
    private static final long RENEW_AFTER_NANOS = Duration.ofSeconds(3).toNanos();

    /** Who calls, as the matrix's columns name them. */
    enum Caller {
        NONE("no token", null), LOGGED_OUT("logged-out token", null), IDLE("idle token", null),
        ALICE("technician A", Fixture.ALICE), BOB("technician B", Fixture.BOB), ADMIN("administrator", Fixture.ADMIN);

        final String label;
        final String user;

        Caller(String label, String user) {
            this.label = label;
            this.user = user;
        }

        boolean live() {
            return user != null;
        }

        /** Why the server refuses this caller's token: the 401's {@code reason}. */
        SessionEndReason refusal() {
            return switch (this) {
            case NONE -> SessionEndReason.NO_TOKEN;
            case LOGGED_OUT -> SessionEndReason.LOGGED_OUT;
            case IDLE -> SessionEndReason.IDLE;
            default -> throw new IllegalStateException(this + " has a valid token");
            };
        }
    }

    final TestServer server;
    final ApiClient client;
    /** Alice's backup of press-1 and Bob's of robot-2, both committed. */
    final Backup press;
    final Backup robot;
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private final Map<Caller, Long> lastUse = new EnumMap<>(Caller.class);
    private long idleSince;

    private MatrixWorld(TestServer server, ApiClient client) {
        this.server = server;
        this.client = client;
        this.press = Backup.of(Fixture.files("main.prg", "alice's press program, version 1"));
        this.robot = Backup.of(Fixture.files("arm.prg", "bob's robot program, version 1"));
    }

    static MatrixWorld seed(TestServer server, ApiClient client) throws Exception {
        MatrixWorld world = new MatrixWorld(server, client);
        server.addUser(Fixture.ADMIN, Role.ADMIN);
        server.addUser(ALICE, Role.TECHNICIAN);
        server.addUser(BOB, Role.TECHNICIAN);
        client.post(Api.ADMIN_IMPORT, world.token(Caller.ADMIN), Fixture.definitions()).expect(200);
        world.commit(Caller.ALICE, "alice-run-1", PRESS_JOB, world.press);
        world.commit(Caller.BOB, "bob-run-1", ROBOT_JOB, world.robot);
        String loggedOut = world.login(Caller.ALICE);
        client.postText(Api.LOGOUT, loggedOut, "").expect(204);
        world.tokens.put(Caller.LOGGED_OUT, loggedOut);
        world.tokens.put(Caller.IDLE, world.login(Caller.ALICE));
        world.idleSince = System.nanoTime();
        return world;
    }

    /** Waits until the idle token has passed the idle limit (it is not used before). */
    void awaitIdleToken() throws InterruptedException {
        long left = idleSince + IDLE_LIMIT.plusMillis(700).toNanos() - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000 + 1);
        }
    }

    /** The caller's token: none, an ended one, or a live one renewed when the idle limit comes near. */
    String token(Caller caller) throws Exception {
        if (!caller.live()) {
            return tokens.get(caller);
        }
        Long used = lastUse.get(caller);
        if (used == null || System.nanoTime() - used > RENEW_AFTER_NANOS) {
            tokens.put(caller, login(caller));
        }
        lastUse.put(caller, System.nanoTime());
        return tokens.get(caller);
    }

    /** A token the cell may end (logout): a new login for a live caller, else the caller's own. */
    String spendableToken(Caller caller) throws Exception {
        return caller.live() ? login(caller) : tokens.get(caller);
    }

    String login(Caller caller) throws Exception {
        return client.login(caller.user, TestServer.PASSWORD);
    }

    /** A run of Alice's press job planned but not committed, with her committed snapshot. */
    String planAsAlice(String runId) throws Exception {
        client.post(Api.UPLOADS, token(Caller.ALICE), press.upload(runId, PRESS_JOB)).expect(200);
        return runId;
    }

    /**
     * A committed run of Alice's press job that made no version, as a job without automatic versions leaves
     * it: its own backup, an hour after version 1's (so not stale).
     */
    String runWithoutVersion(String runId) throws Exception {
        String snapshot;
        try (SnapshotWriter writer = server.repository.store().newSnapshot()) {
            writer.file("main.prg", Instant.parse("2026-11-25T11:00:00Z"),
                    new ByteArrayInputStream(runId.getBytes(StandardCharsets.UTF_8)));
            snapshot = writer.commit().id();
        }
        Run run = Fixture.run(runId, PRESS_JOB, snapshot);
        run = new Run(run.id(), run.jobId(), run.start().plusSeconds(3600), run.end().plusSeconds(3600),
                run.attempts(), run.outcome(), null, snapshot, run.serverVersionResult(), run.previousBackupResult(),
                run.messages());
        server.repository.commit(run, ALICE, new CommitResult(runId, CompareResult.DIFFERENT, CompareResult.DIFFERENT,
                null, false), false, null);
        return runId;
    }

    /** What the caller must never see: every id and hash of the jobs not theirs (all of them without a token). */
    List<String> hiddenFrom(Caller caller) {
        List<String> hidden = new ArrayList<>();
        if (caller != Caller.ADMIN && caller != Caller.ALICE) {
            hidden.addAll(secretsOf(PRESS_JOB, PRESS, press));
        }
        if (caller != Caller.ADMIN && caller != Caller.BOB) {
            hidden.addAll(secretsOf(ROBOT_JOB, ROBOT, robot));
        }
        return hidden;
    }

    /** The job ids a caller's pull and job list show. */
    Set<String> jobsOf(Caller caller) {
        return switch (caller) {
        case ALICE -> Set.of(PRESS_JOB);
        case BOB -> Set.of(ROBOT_JOB);
        case ADMIN -> Set.of(PRESS_JOB, ROBOT_JOB);
        default -> Set.of();
        };
    }

    byte[] pressProgram() {
        return press.files().get("main.prg");
    }

    private static List<String> secretsOf(String jobId, String componentId, Backup backup) {
        List<String> secrets = new ArrayList<>(List.of(jobId, componentId, backup.snapshotId()));
        backup.files().values().forEach(bytes -> secrets.add(Fixture.sha256(bytes)));
        return secrets;
    }

    private void commit(Caller caller, String runId, String jobId, Backup backup) throws Exception {
        String token = token(caller);
        client.post(Api.UPLOADS, token, backup.upload(runId, jobId)).expect(200);
        for (byte[] bytes : backup.files().values()) {
            client.put(Api.BLOBS + Fixture.sha256(bytes) + "?offset=0&size=" + bytes.length, token,
                    BodyPublishers.ofByteArray(bytes)).expect(200);
        }
        client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, token, "").expect(200);
    }
}
