package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;


import org.airgap.protocol.Api;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, hole 6: an id the caller may not see answers exactly as an id that does not exist, on every
 * endpoint that takes a component, job or run id.
 */
class ExistenceLeakTest extends ServerTestBase {

    private static final String NONE = "no-such-id";

    private String bob;

    @BeforeEach
    void start() throws Exception {
        bob = server.login(BOB);
        // Alice has a version of press-1 and an upload of run-p planned but not committed.
        String alice = server.login(ALICE);
        Backup backup = Backup.of(Fixture.files("main.prg", "program"));
        client.post(Api.UPLOADS, alice, backup.upload("run-v", PRESS_JOB)).expect(200);
        byte[] program = backup.files().get("main.prg");
        client.put(Api.BLOBS + Fixture.sha256(program) + "?offset=0&size=" + program.length, alice,
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(program)).expect(200);
        client.postText(Api.UPLOADS + "/run-v" + Api.COMMIT_SUFFIX, alice, "").expect(200);
        client.post(Api.UPLOADS, alice, backup.upload("run-p", PRESS_JOB)).expect(200);
    }

    @Test
    void aComponentOfAnotherTechnicianAnswersAsAnUnknownOne() throws Exception {
        assertSameAnswer(client.get(Api.COMPONENTS + PRESS + "/versions", bob), PRESS,
                client.get(Api.COMPONENTS + NONE + "/versions", bob), NONE);
        assertSameAnswer(client.get(Api.COMPONENTS + PRESS + "/versions/1/archive", bob), PRESS,
                client.get(Api.COMPONENTS + NONE + "/versions/1/archive", bob), NONE);
    }

    @Test
    void aJobOfAnotherTechnicianAnswersAsAnUnknownOne() throws Exception {
        Backup backup = Backup.of(Fixture.files("x.prg", "x"));
        assertSameAnswer(client.post(Api.UPLOADS, bob, backup.upload("run-b1", PRESS_JOB)), PRESS_JOB,
                client.post(Api.UPLOADS, bob, backup.upload("run-b1", NONE)), NONE);
    }

    @Test
    void aRunPlannedByAnotherTechnicianAnswersAsAnUnknownOne() throws Exception {
        assertSameAnswer(client.postText(Api.UPLOADS + "/run-p" + Api.COMMIT_SUFFIX, bob, ""), "run-p",
                client.postText(Api.UPLOADS + "/" + NONE + Api.COMMIT_SUFFIX, bob, ""), NONE);
        assertEquals(true, server.repository.committed("run-p").isEmpty());
    }

    /** Same status, same headers that matter, and the same message once each names its own id. */
    private static void assertSameAnswer(Reply forbidden, String forbiddenId, Reply unknown, String unknownId) {
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals(unknown.status(), forbidden.status(), forbidden.body());
        assertEquals(unknown.body().replace(unknownId, "<id>"), forbidden.body().replace(forbiddenId, "<id>"));
        assertEquals(unknown.headers().firstValue("Content-Type"), forbidden.headers().firstValue("Content-Type"));
    }
}
