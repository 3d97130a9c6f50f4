package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerRepository.CommittedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A committed run id answers only its own run: the same user, job and snapshot. */
class RunIdsTest {

    private static final UserInfo ALICE = new UserInfo("alice", Role.TECHNICIAN);
    private static final String S1 = "1".repeat(64);
    private static final String S2 = "2".repeat(64);
    private static final CommittedRun COMMITTED = new CommittedRun("job-press", S1, "alice");

    @Test
    void theSameRunFromTheSameUserPasses() {
        assertDoesNotThrow(() -> RunIds.requireSameRun(COMMITTED, "r", ALICE, Fixture.run("r", "job-press", S1)));
        assertDoesNotThrow(() -> RunIds.requireSameRun(COMMITTED, "r", ALICE, null), "a retry knows only the id");
        CommittedRun withoutSnapshot = new CommittedRun("job-press", null, "alice");
        assertDoesNotThrow(() -> RunIds.requireSameRun(withoutSnapshot, "r", ALICE, Fixture.run("r", "job-press",
                null)));
    }

    @Test
    void anotherUserJobOrSnapshotIsAConflictThatNamesOnlyTheId() {
        UserInfo bob = new UserInfo("bob", Role.TECHNICIAN);
        List<Executable> attempts = List.of(
                () -> RunIds.requireSameRun(COMMITTED, "r", bob, Fixture.run("r", "job-press", S1)),
                () -> RunIds.requireSameRun(COMMITTED, "r", bob, null),
                () -> RunIds.requireSameRun(COMMITTED, "r", ALICE, Fixture.run("r", "job-robot", S1)),
                () -> RunIds.requireSameRun(COMMITTED, "r", ALICE, Fixture.run("r", "job-press", S2)),
                () -> RunIds.requireSameRun(COMMITTED, "r", ALICE, Fixture.run("r", "job-press", null)));
        for (Executable attempt : attempts) {
            ServerException refused = assertThrows(ServerException.class, attempt);
            assertEquals(ServerException.Kind.CONFLICT, refused.kind());
            assertEquals("the run id r is already taken on the server by another upload; this run was not uploaded"
                    + " and stays on the laptop — tell the administrator, who can check the server's runs for this id",
                    refused.getMessage());
        }
    }
}
