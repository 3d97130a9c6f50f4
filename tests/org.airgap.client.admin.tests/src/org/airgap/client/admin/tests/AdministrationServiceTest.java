package org.airgap.client.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.client.admin.RunFilter;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.OverviewStatus;
import org.airgap.protocol.Role;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.http.ServerCallException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;

/**
 * The administration client service against the real server: the overview, the run list filtered and paged,
 * a run in full, a technician and an offline session refused, a refused token ending the session, and a call
 * to a server that never answers cancelled through its monitor.
 */
class AdministrationServiceTest extends AdminServiceTestBase {

    @Test
    void theOverviewRollsUpTheWorstStatusPerFolder() throws Exception {
        AdminOverview overview = admin.overview(logIn(AdminTestServer.ADMIN), new NullProgressMonitor());
        Map<String, OverviewStatus> folders = new java.util.HashMap<>();
        overview.folders().forEach(folder -> folders.put(folder.id(), folder.status()));
        assertEquals(Map.of("plant", OverviewStatus.ERROR, "line-1", OverviewStatus.ERROR, "line-2",
                OverviewStatus.NOT_COMPARED), folders);
        assertEquals(Map.of(OverviewStatus.DIFFERENT, 1, OverviewStatus.ERROR, 1, OverviewStatus.NOT_COMPARED, 1,
                OverviewStatus.NO_JOB, 1), overview.counts());
        assertEquals(List.of("job-filler"), overview.neverRun().stream().map(AdminOverview.Job::id).toList());
        assertEquals(List.of("job-robot"), overview.failedLastRun().stream().map(AdminOverview.Job::id).toList());
    }

    @Test
    void runsAreFilteredAndPagedNewestFirst() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        AdminRunPage all = admin.runs(session, RunFilter.ALL, null);
        assertEquals(List.of("run-3", "run-2", "run-1"), all.runs().stream().map(AdminRun::id).toList());
        assertNull(all.next());

        RunFilter press = new RunFilter("press", null, null, null, null, null, 1, null);
        AdminRunPage first = admin.runs(session, press, new NullProgressMonitor());
        assertEquals(List.of("run-2"), first.runs().stream().map(AdminRun::id).toList());
        assertEquals("run-2", first.next());
        AdminRunPage second = admin.runs(session, press.after(first.next()), new NullProgressMonitor());
        assertEquals(List.of("run-1"), second.runs().stream().map(AdminRun::id).toList());

        RunFilter failed = new RunFilter(null, null, AdminTestServer.TECH, RunOutcome.FAILED, null, null, 50, null);
        assertEquals(List.of("run-3"), admin.runs(session, failed, null).runs().stream().map(AdminRun::id).toList());
        Instant from = AdminTestServer.START.plus(Duration.ofMinutes(30));
        RunFilter window = new RunFilter(null, "job-press", null, null, from, from.plus(Duration.ofHours(1)), 50, null);
        assertEquals(List.of("run-2"), admin.runs(session, window, null).runs().stream().map(AdminRun::id).toList());

        ServerCallException unknown = assertThrows(ServerCallException.class, () -> admin.runs(session,
                new RunFilter("no-such-press", null, null, null, null, null, 50, null), null));
        assertEquals(404, unknown.status());
    }

    @Test
    void aRunInFullHasItsLog() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        AdminRunDetail detail = admin.run(session, "run-3", new NullProgressMonitor());
        assertEquals(RunOutcome.FAILED, detail.summary().outcome());
        assertEquals(2, detail.run().attempts());
        assertEquals("attempt 2: connection refused", detail.run().messages().get(1).text());
        ServerCallException missing = assertThrows(ServerCallException.class,
                () -> admin.run(session, "run-9?limit=1", null));
        assertEquals(404, missing.status(), "an id is one path segment, its query part of it");
        assertThrows(IllegalArgumentException.class, () -> admin.run(session, " ", null));
    }

    @Test
    void aTechnicianAnOfflineSessionAndARefusedTokenAreRefused() throws Exception {
        ServerCallException technician = assertThrows(ServerCallException.class,
                () -> admin.overview(logIn(AdminTestServer.TECH), null));
        assertEquals(403, technician.status());
        assertTrue(technician.getMessage().contains("administrators only"), technician.getMessage());

        ClientSession offline = new ClientSession(AdminTestServer.ADMIN, Role.ADMIN, false, null, null, Instant.now(),
                Instant.now(), Duration.ofHours(1), Duration.ofHours(8));
        SessionException refused = assertThrows(SessionException.class, () -> admin.overview(offline, null));
        assertEquals(SessionException.Kind.OFFLINE, refused.kind());

        ClientSession session = logIn(AdminTestServer.ADMIN);
        server.fixture().restart();
        SessionException ended = assertThrows(SessionException.class, () -> admin.runs(session, RunFilter.ALL, null));
        assertEquals(SessionException.Kind.NOT_LOGGED_IN, ended.kind());
        assertTrue(sessions.current().isEmpty(), "the refused session ends on the laptop too");
    }

    @Test
    void cancellingTheMonitorAbandonsACallTheServerNeverAnswers() throws Exception {
        NullProgressMonitor monitor = new NullProgressMonitor();
        SilentServer.Outcome outcome = SilentServer.cancelWhileWaiting(monitor, session -> admin.overview(session,
                monitor));
        assertTrue(outcome.ended() instanceof OperationCanceledException, String.valueOf(outcome.ended()));
        assertTrue(outcome.millisAfterCancel() < 2000, "cancelled after " + outcome.millisAfterCancel() + " ms");
    }
}
