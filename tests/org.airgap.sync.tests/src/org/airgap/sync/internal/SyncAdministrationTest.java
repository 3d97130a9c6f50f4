package org.airgap.sync.internal;

import static org.airgap.sync.internal.SyncTest.ANNA;
import static org.airgap.sync.internal.SyncTest.PASSWORD;
import static org.airgap.sync.internal.SyncTest.plant;
import static org.airgap.sync.internal.SyncTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.sync.PullReport;
import org.airgap.sync.PushReport;
import org.airgap.sync.RemovedJob;
import org.junit.jupiter.api.Test;

/**
 * What an administrator's changes on the server do to a laptop at its next sync: a removed assignment
 * drops the job (saying why, keeping its queued runs), a disabled user loses the offline login.
 */
class SyncAdministrationTest extends LaptopAndServer {

    private static final String BERT = "bert";
    private static final String BERT_PASSWORD = "Other-2026!";

    @Override
    void definePlant() throws Exception {
        server.addUser(BERT, Role.TECHNICIAN, BERT_PASSWORD);
        server.define(plant(List.of(new Assignment("job-plc", ANNA), new Assignment("job-robot", ANNA),
                new Assignment("job-robot", BERT))));
    }

    @Test
    void aRemovedAssignmentDropsTheJobSayingWhyAndKeepsItsQueuedRunsUntilItIsBack() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, null);
        Run queued = laptop.backup("job-robot", ANNA, program("robot v1"));

        server.repository().unassign("root", "job-robot", List.of(ANNA));
        PullReport pull = laptop.sync.pull(session, null);
        assertEquals(List.of("job-plc"), laptop.workspace.synced().jobs().stream().map(Job::id).toList());
        assertEquals(1, pull.removedJobs().size());
        RemovedJob removed = pull.removedJobs().get(0);
        assertEquals("job-robot", removed.jobId());
        assertEquals("job job-robot is no longer assigned to you (anna): removed from this laptop; its 1 run(s)"
                + " waiting for upload stay on this laptop until it is assigned again", removed.message());
        assertEquals(List.of(removed), RemovedJob.read(laptop.workspace.location()));

        PushReport push = laptop.sync.push(session, null);
        assertEquals(List.of(), push.runs());
        assertEquals(List.of(queued.id()), push.held());
        assertEquals(List.of(queued), laptop.workspace.pendingUploads(), "nothing is lost");

        // Assigned again: the job comes back, leaves the list, and its run is uploaded.
        server.repository().assign("root", "job-robot", List.of(ANNA));
        assertEquals(List.of(), laptop.sync.pull(session, null).removedJobs());
        assertEquals(List.of(), RemovedJob.read(laptop.workspace.location()));
        PushReport uploaded = laptop.sync.push(session, null);
        assertEquals(List.of(queued.id()), uploaded.runs().stream().map(upload -> upload.runId()).toList());
        assertEquals(List.of(), laptop.workspace.pendingUploads());
    }

    @Test
    void aDisabledUsersOfflineLoginIsDeletedAtTheNextSyncOfAnotherUser() throws Exception {
        ClientSession bert = laptop.login(server.uri(), BERT, BERT_PASSWORD);
        laptop.sync.pull(bert, null);
        // Bert's session stays on until Anna logs in: her first login on this encrypted workspace gets her key
        // slot from the session that holds the data key (docs/security.md, "Encryption at rest").
        assertTrue(laptop.sessions.offlineLoginAvailable(BERT));

        server.repository().setDisabled("root", BERT, true);
        ClientSession anna = laptop.login(server.uri(), ANNA, PASSWORD);
        PullReport pull = laptop.sync.pull(anna, null);
        assertEquals(List.of(BERT), pull.offlineLoginsRemoved());
        assertFalse(laptop.sessions.offlineLoginAvailable(BERT));
        assertTrue(laptop.sessions.offlineLoginAvailable(ANNA));
        assertEquals(SessionException.Kind.NO_OFFLINE_LOGIN, assertThrows(SessionException.class,
                () -> laptop.sessions.loginOffline(BERT, BERT_PASSWORD.toCharArray())).kind());
    }

    @Test
    void aDisabledUsersOwnSyncIsRefusedAndTheirOfflineLoginDeleted() throws Exception {
        ClientSession anna = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(anna, null);
        server.repository().setDisabled("root", ANNA, true);
        server.sessions().endSessions(ANNA, SessionEndReason.DISABLED);

        SessionException refused = assertThrows(SessionException.class, () -> laptop.sync.pull(anna, null));
        assertEquals(SessionEndReason.DISABLED, refused.reason().orElseThrow());
        assertFalse(laptop.sessions.offlineLoginAvailable(ANNA));
        assertTrue(laptop.sessions.current().isEmpty());
    }
}
