package org.airgap.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

import org.airgap.session.SessionException;
import org.airgap.session.SessionStatus;
import org.airgap.session.trust.TlsWebPage;
import org.airgap.testing.MutableClock;
import org.airgap.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online logins that cannot succeed: nothing listening, something that is not an Airgap server, an
 * address that is not one. Logins against the real server are tested with it in org.airgap.sync.tests.
 */
class OnlineLoginFailureTest {

    @TempDir
    Path folder;

    private Workspace workspace;
    private LocalSessionService sessions;

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(folder);
        sessions = new LocalSessionService(workspace, new MutableClock(Instant.parse("2026-11-26T07:00:00Z")));
    }

    @AfterEach
    void close() throws IOException {
        sessions.close();
        workspace.close();
    }

    @Test
    void nothingListeningSaysConnectionRefusedAndWhatToCheck() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI server = URI.create("http://127.0.0.1:" + port);

        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOnline(server, "anna", "pw".toCharArray()));

        assertEquals(SessionException.Kind.UNREACHABLE, refused.kind());
        assertEquals("cannot reach the Airgap server at http://127.0.0.1:" + port
                + ": connection refused — check the address and the network", refused.getMessage());
        assertEquals(SessionStatus.NONE, sessions.status());
    }

    @Test
    void aWebServerThatIsNotAirgapIsNamedAsSuch() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> TlsWebPage.answer(listener,
                    "<html><body>Printer status: ready</body></html>"), "not-airgap");
            answering.setDaemon(true);
            answering.start();
            URI server = URI.create("http://127.0.0.1:" + listener.getLocalPort());

            SessionException refused = assertThrows(SessionException.class,
                    () -> sessions.loginOnline(server, "anna", "pw".toCharArray()));

            assertEquals(SessionException.Kind.NOT_AIRGAP_SERVER, refused.kind());
            assertTrue(refused.getMessage().startsWith("the server at " + server + " answered POST /api/login with HTTP 200"
                    + " and no Airgap answer"), refused.getMessage());
        }
    }

    @Test
    void anAddressThatIsNoServerAddressSaysHowToWriteOne() {
        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOnline(URI.create("ftp://airgap.plant"), "anna", "pw".toCharArray()));

        assertEquals("'ftp://airgap.plant' is not a server address: use http://HOST:PORT or https://HOST:PORT",
                refused.getMessage());
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedBeforeAnythingIsSent() {
        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOnline(URI.create("http://airgap.plant:8080"), "anna", "pw".toCharArray()));

        assertEquals(SessionException.Kind.NOT_AIRGAP_SERVER, refused.kind());
        assertEquals("'http://airgap.plant:8080' is refused: plain http:// is only for an Airgap server on this machine"
                + " (localhost, 127.0.0.1, [::1]) — over the network the password and the programs would travel"
                + " unencrypted to whoever answers; use https://airgap.plant:8080 (ask your administrator for the"
                + " server's https address)", refused.getMessage());
        assertEquals(SessionStatus.NONE, sessions.status());
    }
}
