package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.Role;
import org.airgap.server.http.internal.Fixture.Backup;

/**
 * One server shared by a test class: the {@link Fixture}'s plant, line A under it with component plc-a and
 * job job-a (assigned to alice), administered by line-admin; a retention policy on each of the two folders;
 * alice's committed runs of both lines, so that press-1 (outside line A) and plc-a (inside) each have
 * version 1.
 */
final class ScopedPlant implements AutoCloseable {

    static final String LINE_ADMIN = "line-admin";
    static final String LINE = "line-a";
    static final String COMPONENT = "plc-a";
    static final String JOB = "job-a";
    /** Alice's run of press-1, outside line A. */
    static final String OUTSIDE_RUN = "alice-press-run";
    /** Alice's run of plc-a, inside line A. */
    static final String INSIDE_RUN = "alice-line-run";
    static final JobOptions OPTIONS = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());

    final TestServer server;
    final ApiClient client;
    /** Tokens of the administrator of the whole plant and of line A's. */
    final String admin;
    final String scoped;
    final Backup outside = Backup.of(Fixture.files("main.prg", Fixture.bytes(1000, 7)));
    final Backup inside = Backup.of(Fixture.files("line.prg", Fixture.bytes(1000, 8)));

    private ScopedPlant(Path data) throws Exception {
        server = TestServer.start(data, Duration.ofMinutes(30));
        client = server.client;
        admin = Fixture.setUp(server);
        client.post(Api.ADMIN_IMPORT, admin, new AdminImport(List.of(new Folder(LINE, "Line A", "plant")),
                List.of(new Component(COMPONENT, "PLC A", LINE, "directory", Map.of())),
                List.of(new Job(JOB, COMPONENT, "Back up PLC A", Map.of(), OPTIONS)),
                List.of(new Assignment(JOB, ALICE)))).expect(200);
        client.post(Api.ADMIN_USERS, admin, new NewUser(LINE_ADMIN, Role.ADMIN, TestServer.PASSWORD, List.of(LINE)))
                .expect(200);
        scoped = server.login(LINE_ADMIN);
        client.putJson(Api.ADMIN_RETENTION + "/folder/plant", admin, new RetentionPolicy(5, null, null)).expect(200);
        client.putJson(Api.ADMIN_RETENTION + "/folder/" + LINE, scoped, new RetentionPolicy(3, null, null)).expect(200);
        String alice = server.login(ALICE);
        commit(alice, OUTSIDE_RUN, PRESS_JOB, outside);
        commit(alice, INSIDE_RUN, JOB, inside);
    }

    static ScopedPlant start(Path data) throws Exception {
        return new ScopedPlant(data);
    }

    /** The user's run of the job, uploaded and committed. */
    void commit(String token, String runId, String jobId, Backup backup) throws Exception {
        client.post(Api.UPLOADS, token, backup.upload(runId, jobId)).expect(200);
        for (byte[] bytes : backup.files().values()) {
            client.put(Api.BLOBS + Fixture.sha256(bytes) + "?offset=0&size=" + bytes.length, token,
                    BodyPublishers.ofByteArray(bytes)).expect(200);
        }
        client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, token, "").expect(200);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
