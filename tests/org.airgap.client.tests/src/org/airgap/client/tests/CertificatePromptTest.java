package org.airgap.client.tests;

import static org.airgap.client.tests.WorkbenchServices.paintedScreenshot;
import static org.airgap.client.tests.WorkbenchServices.waitUntil;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.airgap.client.WorkbenchIds;
import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.Role;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.testing.TestCertificates;
import org.airgap.testing.server.HttpsSettings;
import org.airgap.testing.server.ServerFixture;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The first login at a server whose self-signed certificate this laptop does not know, through the real
 * workbench against the real server over HTTPS (a keystore made with the JDK's keytool): the workbench is
 * launched with {@code -airgap.server URL}, which the login dialog offers; the fingerprint prompt shows the
 * certificate's SHA-256 fingerprint; Cancel pins nothing, Trust pins it and logs in, and the next login
 * does not ask. A changed certificate is refused with both fingerprints and re-pinned only with the new
 * fingerprint typed in. The tests build on each other, in order, on one workbench.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificatePromptTest {

    private static final String LOGIN_TITLE = "Log in to Airgap";
    private static final String PROMPT_TITLE = "Confirm the server's certificate";
    private static final String CHANGED_TITLE = "The server's certificate has changed";
    private static final String USER = "tess";
    private static final String PASSWORD = "the press line's new password";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ServerFixture server;
    private static URI https;
    private static CertificateFingerprint fingerprint;
    private static WorkbenchHarness workbench;
    private static SessionService sessions;
    private static Shell login;

    @BeforeAll
    static void startTheServerOverHttpsAndTheWorkbenchLaunchedWithItsUrl() throws Exception {
        Path temp = Files.createTempDirectory("airgap-certificate-prompt");
        Path keystore = TestCertificates.selfSigned(temp, "airgap-server");
        fingerprint = CertificateFingerprint.of(TestCertificates.chain(keystore)[0]);
        int httpsPort = freePort();
        https = URI.create("https://127.0.0.1:" + httpsPort);
        // Plain HTTP stays on beside HTTPS for the fixture's own readiness check; the workbench only ever talks
        // to the HTTPS port.
        server = ServerFixture.start("airgap-certificate-prompt", ServerFixture.SERVER_BUNDLES, temp.resolve("server"),
                Duration.ofMinutes(30), Duration.ofHours(8), settings -> settings,
                HttpsSettings.jetty(httpsPort, keystore, TestCertificates.PASSWORD));
        server.addUser(USER, Role.TECHNICIAN, PASSWORD);

        // A laptop that never met this server: its pins are kept in the workspace.
        WorkbenchServices.useWorkspace(temp.resolve("workspace"));
        sessions = WorkbenchServices.service(SessionService.class);
        sessions.logout();
        workbench = WorkbenchServices.startAtTheLoginDialog(WAIT, "-airgap.server", https.toString());
        login = workbench.waitForShell(LOGIN_TITLE, WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            WorkbenchServices.logOutAndClose(sessions, workbench);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void theLoginDialogOffersTheServerTheWorkbenchWasLaunchedWith() {
        assertEquals(https.toString(), text(login, "login.server"));
    }

    @Test
    @Order(2)
    void theFirstLoginShowsTheFingerprintAndCancelPinsNothing() throws Exception {
        fill(login, PASSWORD);
        logIn(login);
        Shell prompt = workbench.waitForShell(PROMPT_TITLE, WAIT);
        assertEquals(fingerprint.value(), text(prompt, "certificate.presented"));
        assertTrue(workbench.ui(() -> !find(Text.class, prompt, "certificate.presented").getEditable()), "read-only");
        String words = String.join(" ", workbench.texts(prompt));
        assertTrue(words.contains("The server at " + https + " presents a certificate"), words);
        assertTrue(words.contains("airgap-server fingerprint"), words);
        assertEquals("Cancel", workbench.ui(() -> prompt.getDefaultButton().getText()), "Enter refuses");
        centre(prompt);
        paintedScreenshot(workbench, "certificate-prompt", around(prompt));

        workbench.press(prompt, "Cancel");
        String message = waitForMessage(login);
        assertTrue(message.contains("the certificate of " + https + " was not trusted"), message);
        assertTrue(sessions.current().isEmpty(), "not logged in");
        SessionException refusal = assertThrows(SessionException.class,
                () -> sessions.loginOnline(https, USER, PASSWORD.toCharArray()));
        assertEquals(SessionException.Kind.UNTRUSTED_CERTIFICATE, refusal.kind(), "nothing pinned: "
                + refusal.getMessage());
    }

    @Test
    @Order(3)
    void trustingTheFingerprintLogsInAndTheNextLoginDoesNotAsk() {
        fill(login, PASSWORD);
        logIn(login);
        Shell prompt = workbench.waitForShell(PROMPT_TITLE, WAIT);
        workbench.press(prompt, "&Trust and log in");
        waitUntil(workbench, WAIT, "the login dialog to close", login::isDisposed);
        assertEquals(https, sessions.current().orElseThrow().server());
        waitUntil(workbench, WAIT, "the indicator to show the session",
                () -> indicator().startsWith(USER + " (technician) \u00b7 online at 127.0.0.1:" + https.getPort()));

        workbench.executeCommand(WorkbenchIds.COMMAND_LOGOUT);
        waitUntil(workbench, WAIT, "the logout", () -> indicator().startsWith("Not logged in"));
        workbench.executeCommand(WorkbenchIds.COMMAND_LOGIN);
        Shell again = workbench.waitForShell(LOGIN_TITLE, WAIT);
        assertEquals(https.toString(), text(again, "login.server"), "the server of the last login");
        fill(again, PASSWORD);
        logIn(again);
        // A prompt would keep the login dialog open: it closes only after a login without one.
        waitUntil(workbench, WAIT, "the second login to succeed without a question", again::isDisposed);
        assertTrue(sessions.current().isPresent());
    }

    @Test
    @Order(4)
    void aChangedCertificateIsRefusedWithBothFingerprintsAndRepinnedOnlyWithTheNewOneTypedIn() throws Exception {
        // As if this laptop had pinned the server's earlier certificate before the administrator replaced it.
        CertificateFingerprint earlier = CertificateFingerprint
                .ofEncoded("the server's earlier certificate".getBytes(StandardCharsets.UTF_8));
        sessions.trustCertificate(https, earlier);
        workbench.executeCommand(WorkbenchIds.COMMAND_LOGOUT);
        waitUntil(workbench, WAIT, "the logout", () -> indicator().startsWith("Not logged in"));
        workbench.executeCommand(WorkbenchIds.COMMAND_LOGIN);
        Shell again = workbench.waitForShell(LOGIN_TITLE, WAIT);
        fill(again, PASSWORD);
        logIn(again);

        Shell warning = workbench.waitForShell(CHANGED_TITLE, WAIT);
        assertEquals(earlier.value(), text(warning, "certificate.previous"));
        assertEquals(fingerprint.value(), text(warning, "certificate.presented"));
        String words = String.join(" ", workbench.texts(warning));
        assertTrue(words.contains("This may be an attack"), words);
        assertTrue(words.contains("airgap login --server " + https + " --user NAME --trust FINGERPRINT"), words);
        assertEquals("Cancel", workbench.ui(() -> warning.getDefaultButton().getText()), "Enter refuses");
        Button replace = find(Button.class, warning, "certificate.trust");
        assertFalse(workbench.ui(replace::isEnabled), "no re-pinning by clicking through");
        centre(warning);
        paintedScreenshot(workbench, "certificate-changed", around(warning));
        workbench.run(() -> find(Text.class, warning, "certificate.confirmation").setText(earlier.value()));
        assertFalse(workbench.ui(replace::isEnabled), "only the presented certificate's fingerprint re-pins");

        workbench.press(warning, "Cancel");
        String message = waitForMessage(again);
        assertTrue(sessions.current().isEmpty(), "not logged in: " + message);
        SessionException refusal = assertThrows(SessionException.class,
                () -> sessions.loginOnline(https, USER, PASSWORD.toCharArray()));
        assertEquals(SessionException.Kind.CERTIFICATE_CHANGED, refusal.kind(), "the old pin stays: "
                + refusal.getMessage());

        logIn(again);
        Shell second = workbench.waitForShell(CHANGED_TITLE, WAIT);
        // Pasted as a person might: blanks around it, the prefix in lower case.
        String pasted = " sha256:" + fingerprint.value().substring("SHA256:".length()) + " ";
        workbench.run(() -> find(Text.class, second, "certificate.confirmation").setText(pasted));
        assertTrue(workbench.ui(find(Button.class, second, "certificate.trust")::isEnabled));
        workbench.press(second, "&Replace the trusted certificate and log in");
        waitUntil(workbench, WAIT, "the login dialog to close", again::isDisposed);
        assertEquals(https, sessions.current().orElseThrow().server());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static <W extends org.eclipse.swt.widgets.Control> W find(Class<W> type, Shell shell, String id) {
        return workbench.find(type, w -> w.getShell() == shell && testId(id).test(w));
    }

    private static String text(Shell shell, String id) {
        return workbench.ui(() -> find(Text.class, shell, id).getText());
    }

    private static void fill(Shell shell, String password) {
        workbench.run(() -> {
            find(Text.class, shell, "login.user").setText(USER);
            find(Text.class, shell, "login.password").setText(password);
        });
    }

    private static void logIn(Shell shell) {
        Button button = find(Button.class, shell, "login.ok");
        waitUntil(workbench, WAIT, "the Log in button to be enabled", button::isEnabled);
        workbench.press(shell, "&Log in");
    }

    private static String waitForMessage(Shell shell) {
        waitUntil(workbench, WAIT, "the login dialog's message",
                () -> !find(Label.class, shell, "login.message").getText().isEmpty());
        return workbench.ui(() -> find(Label.class, shell, "login.message").getText());
    }

    private static String indicator() {
        return workbench.ui(() -> workbench.find(Label.class, testId("session.indicator")).getText());
    }

    /** Where a dialog opens on a laptop: centred, a third from the top (Xvfb has no window manager to place it). */
    private static void centre(Shell dialog) {
        workbench.run(() -> {
            Rectangle screen = workbench.mainShell().orElseThrow().getBounds();
            dialog.setLocation(screen.x + (screen.width - dialog.getSize().x) / 2,
                    screen.y + (screen.height - dialog.getSize().y) / 3);
        });
    }

    /**
     * The dialog alone: without a window manager (Xvfb) it has no frame, and what shows around it distracts.
     * Its client area, as the shell's bounds add the trim SWT estimates for a frame that is not there.
     */
    private static Rectangle around(Shell dialog) {
        return workbench.ui(() -> workbench.display().map(dialog, null, dialog.getClientArea()));
    }
}
