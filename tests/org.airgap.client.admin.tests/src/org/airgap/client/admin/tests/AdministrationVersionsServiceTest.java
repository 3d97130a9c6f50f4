package org.airgap.client.admin.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.airgap.model.CompareResult;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.Api;
import org.airgap.protocol.SnapshotCompare;
import org.airgap.session.ClientSession;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Versions view's calls of the administration client service against the real server, in order on one
 * plant: the press's history, a check-in by hand making version 2, a stale run's check-in refused with the
 * server's reason, a comment changed and read again, versions 1 and 2 compared, a version's archive downloaded
 * byte for byte (and one cancelled while the server does not answer), and the refusals (a technician, an unknown component or version, an id that is not one).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministrationVersionsServiceTest extends AdminServiceTestBase {

    @Test
    @Order(1)
    void aRunCheckedInBecomesTheNextVersionAndAStaleOneIsRefused() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        assertEquals(List.of(1), numbers(admin.versions(session, "press", new NullProgressMonitor())));

        AdminVersion second = admin.checkIn(session, "run-2", "after the retrofit", null);
        assertEquals(2, second.number());
        assertEquals("run-2", second.runId());
        List<AdminVersion> history = admin.versions(session, "press", null);
        assertEquals(List.of(2, 1), numbers(history));
        assertEquals("after the retrofit", history.get(0).comment());

        // Backed up between run-1 and run-2: older than the backup version 2 came from.
        server.commit("run-5", "job-press", 30, RunOutcome.SUCCEEDED, "program v1.5", CompareResult.DIFFERENT, false);
        ServerCallException stale = assertThrows(ServerCallException.class,
                () -> admin.checkIn(session, "run-5", "the older one", null));
        assertEquals(409, stale.status());
        assertTrue(stale.getMessage().contains("the server version is newer"), stale.getMessage());
        ServerCallException again = assertThrows(ServerCallException.class,
                () -> admin.checkIn(session, "run-2", "again", null));
        assertTrue(again.getMessage().contains("is version 2 of component press already"), again.getMessage());
        assertEquals(List.of(2, 1), numbers(admin.versions(session, "press", null)));
    }

    @Test
    @Order(2)
    void aCommentIsChangedAndReadAgain() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        AdminVersion changed = admin.commentVersion(session, "press", 1, "approved by quality", null);
        assertEquals("approved by quality", changed.comment());
        assertEquals("approved by quality", admin.versions(session, "press", null).get(1).comment());

        ServerCallException empty = assertThrows(ServerCallException.class,
                () -> admin.commentVersion(session, "press", 1, "", null));
        assertEquals(400, empty.status());
        ServerCallException unknown = assertThrows(ServerCallException.class,
                () -> admin.commentVersion(session, "press", 9, "no such version", null));
        assertEquals(404, unknown.status());
    }

    @Test
    @Order(3)
    void twoVersionsAreComparedOnTheServer() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        SnapshotCompare compare = admin.compare(session, "press", "v1", "v2", null, new NullProgressMonitor());
        assertEquals(CompareResult.DIFFERENT, compare.result());
        assertEquals(List.of("main.prg CHANGED"), compare.entries().stream()
                .map(entry -> entry.path() + " " + entry.status()).toList());
        SnapshotCompare.FileDiff diff = compare.diffs().get(0);
        assertEquals("TEXT", diff.kind());
        assertTrue(diff.text().contains("-program v1") && diff.text().contains("+program v2"), diff.text());

        SnapshotCompare one = admin.compare(session, "press", "v2", "run:run-5", "main.prg", null);
        assertEquals("main.prg", one.diffs().get(0).path());
        ServerCallException noVersion = assertThrows(ServerCallException.class,
                () -> admin.compare(session, "press", "v1", "v9", null, null));
        assertTrue(noVersion.getMessage().contains("has no version 9"), noVersion.getMessage());
        ServerCallException notARef = assertThrows(ServerCallException.class,
                () -> admin.compare(session, "press", "v1", "x5&left=v2", null, null));
        assertEquals(400, notARef.status(), "a reference is one query value, its '&' part of it");
    }

    @Test
    @Order(4)
    void aVersionsArchiveIsDownloadedByteForByte() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        Path folder = Files.createDirectories(temp.resolve("downloads"));
        Path target = folder.resolve("press-2.tar.gz");
        long bytes = admin.downloadVersion(session, "press", 2, target, new NullProgressMonitor());
        byte[] expected;
        try (InputStream in = ServerClient.forSession(session).getStream(Api.COMPONENTS + "press/versions/2/archive")) {
            expected = in.readAllBytes();
        }
        assertArrayEquals(expected, Files.readAllBytes(target));
        assertEquals(expected.length, bytes);

        Files.writeString(target, "kept", StandardCharsets.UTF_8);
        ServerCallException unknown = assertThrows(ServerCallException.class,
                () -> admin.downloadVersion(session, "press", 9, target, null));
        assertEquals(404, unknown.status());
        assertEquals("kept", Files.readString(target), "a failed download leaves the file as it was");
        NullProgressMonitor cancelled = new NullProgressMonitor();
        cancelled.setCanceled(true);
        assertThrows(OperationCanceledException.class,
                () -> admin.downloadVersion(session, "press", 2, target, cancelled));
        assertEquals("kept", Files.readString(target));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(target), files.toList(), "no partial file stays behind");
        }
        assertThrows(IOException.class, () -> admin.downloadVersion(session, "press", 2, folder, null));
    }

    @Test
    @Order(5)
    void aTechnicianAndIdsThatAreNotOnesAreRefused() throws Exception {
        ClientSession technician = logIn(AdminTestServer.TECH);
        ServerCallException refused = assertThrows(ServerCallException.class,
                () -> admin.versions(technician, "press", null));
        assertEquals(403, refused.status());
        ServerCallException checkIn = assertThrows(ServerCallException.class,
                () -> admin.checkIn(technician, "run-5", "mine", null));
        assertEquals(403, checkIn.status());

        ClientSession session = logIn(AdminTestServer.ADMIN);
        ServerCallException unknown = assertThrows(ServerCallException.class,
                () -> admin.versions(session, "no-such-press", null));
        assertEquals(404, unknown.status());
        ServerCallException segment = assertThrows(ServerCallException.class,
                () -> admin.versions(session, "press/1/comment", null));
        assertEquals(404, segment.status(), "an id is one path segment");
        assertThrows(IllegalArgumentException.class, () -> admin.versions(session, " ", null));
        assertThrows(IllegalArgumentException.class, () -> admin.checkIn(session, null, "x", null));
    }

    @Test
    @Order(6)
    void cancellingADownloadTheServerNeverAnswersLeavesNoFile() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("silent"));
        Path target = folder.resolve("press-1.tar.gz");
        List<String> subTasks = new CopyOnWriteArrayList<>();
        NullProgressMonitor monitor = new NullProgressMonitor() {
            @Override
            public void subTask(String name) {
                subTasks.add(name);
            }
        };
        SilentServer.Outcome outcome = SilentServer.cancelWhileWaiting(monitor,
                session -> admin.downloadVersion(session, "press", 1, target, monitor));
        assertTrue(outcome.ended() instanceof OperationCanceledException, String.valueOf(outcome.ended()));
        assertTrue(outcome.millisAfterCancel() < 2000, "cancelled after " + outcome.millisAfterCancel() + " ms");
        assertTrue(subTasks.contains("0 bytes received"), subTasks.toString());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.toList(), "neither the archive nor a partial file");
        }
    }

    private static List<Integer> numbers(List<AdminVersion> versions) {
        return versions.stream().map(AdminVersion::number).toList();
    }
}
