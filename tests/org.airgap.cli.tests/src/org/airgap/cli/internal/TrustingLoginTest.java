package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.CommandLineApplication.USAGE;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.Role;
import org.airgap.testing.TestCertificates;
import org.airgap.testing.server.HttpsSettings;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airgap login} at the real server over HTTPS with a self-signed certificate (keytool): the
 * fingerprint prompt on a terminal (answered y or n), the refusal without a terminal that names the
 * fingerprint and --trust, and --trust for the first login and to re-pin a replaced certificate.
 */
class TrustingLoginTest {

    private static final String USER = "tech1";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;
    private int httpsPort;
    private ServerFixture server;
    private Path workspace;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            httpsPort = free.getLocalPort();
        }
        workspace = temp.resolve("workspace");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            AirgapProcesses.end();
        }
    }

    /** The server presenting {@code keystore}'s certificate on {@link #httpsPort} (same data each time). */
    private CertificateFingerprint serve(Path keystore) throws Exception {
        boolean first = server == null;
        if (server != null) {
            server.close();
        }
        Map<String, Object> https = HttpsSettings.jetty(httpsPort, keystore, TestCertificates.PASSWORD);
        server = ServerFixture.start("airgap-cli-https-test", name -> name.startsWith("org.airgap.server"),
                temp.resolve("server"), Duration.ofHours(2), Duration.ofHours(48), UnaryOperator.identity(), https);
        if (first) {
            server.addUser(USER, Role.TECHNICIAN, PASSWORD);
        }
        return CertificateFingerprint.of(TestCertificates.chain(keystore)[0]);
    }

    private String url() {
        return "https://localhost:" + httpsPort;
    }

    /** {@code airgap login} on this workspace; {@code answers} typed on a terminal, or no terminal when null. */
    private Result login(List<String> answers, List<String> prompts, String... options) {
        List<String> args = new ArrayList<>(List.of("--workspace", workspace.toString(), "login", "--server", url(),
                "--user", USER));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = answers == null ? null : prompt -> {
            prompts.add(prompt);
            return answers.isEmpty() ? null : answers.remove(0);
        };
        Console console = new Console(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal);
        int code = new CommandLineApplication(console).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalTheFingerprintIsShownAndYesTrustsIt() throws Exception {
        CertificateFingerprint fingerprint = serve(TestCertificates.selfSigned(temp, "airgap-server"));
        List<String> prompts = new ArrayList<>();

        Result declined = login(new ArrayList<>(List.of("n")), prompts);

        assertExit(FAILED, declined);
        assertTrue(declined.err().contains("Its fingerprint: " + fingerprint), declined.err());
        assertEquals(List.of("Trust this certificate? [y/N] "), prompts);
        assertTrue(declined.err().contains("airgap: login cancelled: the certificate " + fingerprint
                + " was not trusted"), declined.err());

        Result accepted = login(new ArrayList<>(List.of("y")), prompts);

        assertExit(OK, accepted);
        assertTrue(accepted.out().contains("Logged in as tech1 (technician), online at " + url()), accepted.out());
        Result again = login(new ArrayList<>(), prompts);
        assertExit(OK, again);
        assertEquals(2, prompts.size(), "a pinned server is not asked about again");
    }

    @Test
    void withoutATerminalTheRefusalNamesTheFingerprintAndTrustLogsIn() throws Exception {
        CertificateFingerprint fingerprint = serve(TestCertificates.selfSigned(temp, "airgap-server"));

        Result refused = login(null, null);

        assertExit(FAILED, refused);
        assertTrue(refused.err().startsWith("airgap: login refused: the Airgap server at " + url()
                + " presents a certificate that no trusted authority signed"), refused.err());
        assertTrue(refused.err().contains("its fingerprint is " + fingerprint), refused.err());
        assertTrue(refused.err().contains("to trust it without a terminal: airgap login --trust " + fingerprint
                + " --server " + url() + " --user tech1"), refused.err());

        CertificateFingerprint other = CertificateFingerprint.ofEncoded(new byte[] { 1 });
        Result wrongTrust = login(null, null, "--trust", other.value());
        assertExit(FAILED, wrongTrust);
        assertTrue(wrongTrust.err().contains("presents the certificate " + fingerprint + ", not " + other
                + " given with --trust — nothing was trusted"), wrongTrust.err());

        assertExit(OK, login(null, null, "--trust", fingerprint.value()));
        assertExit(OK, login(null, null));
        assertExit(USAGE, login(null, null, "--trust", "SHA256:short"));
    }

    @Test
    void aReplacedCertificateIsRefusedAndTrustRepins() throws Exception {
        CertificateFingerprint original = serve(TestCertificates.selfSigned(temp, "airgap-server"));
        assertExit(OK, login(null, null, "--trust", original.value()));
        CertificateFingerprint replaced = serve(TestCertificates.selfSigned(temp, "replacement"));
        List<String> prompts = new ArrayList<>();

        Result refused = login(new ArrayList<>(List.of("y")), prompts);

        assertExit(FAILED, refused);
        assertEquals(List.of(), prompts, "a changed certificate is never accepted by a keystroke");
        assertTrue(refused.err().contains("trusted " + original + ", presented " + replaced), refused.err());
        assertTrue(refused.err().contains("then trust it: airgap login --server " + url() + " --user NAME --trust "
                + replaced), refused.err());

        Result stale = login(null, null, "--trust", original.value());
        assertExit(FAILED, stale);

        assertExit(OK, login(null, null, "--trust", replaced.value()));
        assertExit(OK, login(null, null));
    }
}
