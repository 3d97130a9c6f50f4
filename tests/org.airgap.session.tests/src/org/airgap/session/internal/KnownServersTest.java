package org.airgap.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.session.SessionStatus;
import org.airgap.testing.MutableClock;
import org.airgap.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pins kept per server URL in the workspace: normalised URLs, replacement, survival of logouts. */
class KnownServersTest {

    private static final CertificateFingerprint FIRST = CertificateFingerprint.ofEncoded(new byte[] { 1 });
    private static final CertificateFingerprint SECOND = CertificateFingerprint.ofEncoded(new byte[] { 2 });
    private static final Instant NOW = Instant.parse("2026-12-06T22:00:00Z");

    @TempDir
    Path folder;

    @Test
    void theKeyIgnoresCaseDefaultPortAndTrailingSlash() {
        assertEquals("https://airgap.plant:443", KnownServers.key(URI.create("HTTPS://Airgap.Plant/")));
        assertEquals("https://airgap.plant:443", KnownServers.key(URI.create("https://airgap.plant:443")));
        assertEquals("https://airgap.plant:8443/prefix", KnownServers.key(URI.create("https://airgap.plant:8443/prefix/")));
        assertEquals("http://127.0.0.1:80", KnownServers.key(URI.create("http://127.0.0.1")));
    }

    @Test
    void aPinIsKeptPerUrlAndReplacedByTheNextOne() throws IOException {
        KnownServers pins = new KnownServers(folder);
        URI server = URI.create("https://airgap.plant:8443");
        URI other = URI.create("https://airgap.plant:9443");

        assertEquals(Optional.empty(), pins.pinned(server));
        pins.pin(server, FIRST, NOW);
        pins.pin(other, SECOND, NOW);
        assertEquals(Optional.of(FIRST), new KnownServers(folder).pinned(URI.create("https://AIRGAP.plant:8443/")));

        pins.pin(server, SECOND, NOW);
        assertEquals(Optional.of(SECOND), pins.pinned(server));
        assertEquals(Optional.of(SECOND), pins.pinned(other));
        assertEquals(2, Files.readString(pins.file()).split("\"server\"").length - 1, Files.readString(pins.file()));
    }

    @Test
    void aDamagedFileRefusesRatherThanForgets() throws IOException {
        KnownServers pins = new KnownServers(folder);
        Files.writeString(pins.file(), "{ not json", StandardCharsets.UTF_8);

        IOException damaged = assertThrows(IOException.class, () -> pins.pinned(URI.create("https://airgap.plant")));
        assertTrue(damaged.getMessage().contains("known-servers.json is damaged"), damaged.getMessage());
    }

    @Test
    void trustCertificatePinsInTheWorkspaceAndLogoutsLeaveThePin() throws IOException {
        try (Workspace workspace = Workspace.open(folder);
                LocalSessionService sessions = new LocalSessionService(workspace, new MutableClock(NOW))) {
            URI server = URI.create("https://airgap.plant:8443");
            sessions.trustCertificate(server, FIRST);
            sessions.logout();
            assertEquals(SessionStatus.NONE, sessions.status());
        }
        assertEquals(Optional.of(FIRST), new KnownServers(folder).pinned(URI.create("https://airgap.plant:8443")));
    }
}
