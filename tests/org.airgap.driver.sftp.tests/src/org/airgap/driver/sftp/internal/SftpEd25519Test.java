package org.airgap.driver.sftp.internal;

import static org.airgap.testing.drivers.DriverAssertions.assertKind;
import static org.airgap.testing.drivers.DriverAssertions.paths;
import static org.airgap.testing.drivers.DriverAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.driver.api.ProblemKind;
import org.airgap.store.Snapshot;
import org.airgap.testing.drivers.DriverTestKit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ed25519 host and user keys, which MINA SSHD supports only with Bouncy Castle (or net.i2p EdDSA) in
 * the runtime: a server offering nothing but an Ed25519 host key, and logins with Ed25519 keys in
 * OpenSSH's private key format, as {@code ssh-keygen -t ed25519} writes them.
 */
@Timeout(30)
class SftpEd25519Test {

    private static final String USER = "robot";

    @TempDir
    Path dir;

    private SshServer server;
    private KeyPair hostKey;
    private KeyPair userKey;
    private Path knownHosts;
    private SftpDriver driver;
    private DriverTestKit kit;

    @BeforeEach
    void start() throws IOException, GeneralSecurityException {
        assertTrue(SecurityUtils.isEDDSACurveSupported(), "MINA SSHD sees no EdDSA provider (Bouncy Castle bcprov "
                + "must be resolved with org.apache.sshd.osgi)");
        Path root = Files.createDirectories(dir.resolve("device/programs"));
        Files.writeString(root.resolve("weld.prg"), "MOVE P1\nWELD ON\n");
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        userKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey)); // nothing but Ed25519
        server.setPublickeyAuthenticator(
                (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(userKey.getPublic(), key));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(dir.resolve("device")));
        server.start();
        knownHosts = dir.resolve("known_hosts");
        driver = new SftpDriver(knownHosts);
        kit = new DriverTestKit(dir.resolve("store"));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }

    @Test
    void ed25519HostKeyIsPinnedAndEd25519UserKeyLogsIn() throws IOException, GeneralSecurityException {
        Path keyFile = openSshKeyFile(userKey, "id_ed25519");
        Snapshot first = kit.backup(driver, parameters(keyFile)).snapshotOrFail();
        assertEquals(Set.of("programs", "programs/weld.prg"), paths(first));

        String hostKeyText = PublicKeyEntry.toString(hostKey.getPublic());
        assertTrue(hostKeyText.startsWith("ssh-ed25519 "), hostKeyText);
        assertEquals("[127.0.0.1]:" + server.getPort() + " " + hostKeyText, Files.readString(knownHosts).trim());

        DriverTestKit.Backup second = kit.backup(driver, parameters(keyFile));
        assertEquals(first.id(), second.snapshotOrFail().id());
        String fingerprint = KnownHosts.fingerprint(hostKeyText.split(" ")[1]);
        assertTrue(second.progress().log().stream().anyMatch(line -> line.contains("matches the pinned " + fingerprint)),
                second.progress().log().toString());
    }

    @Test
    void anotherEd25519KeyIsAuthenticationFailed() throws IOException, GeneralSecurityException {
        Path wrongKey = openSshKeyFile(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256), "id_other");
        DriverTestKit.Backup backup = kit.backup(driver, parameters(wrongKey));
        assertKind(ProblemKind.AUTHENTICATION_FAILED, backup.result());
        assertTrue(problem(backup.result()).message().contains(wrongKey.toString()), problem(backup.result()).message());
        assertNull(backup.snapshot());
    }

    private Path openSshKeyFile(KeyPair key, String name) throws IOException, GeneralSecurityException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "airgap test", null, out);
        }
        return file;
    }

    private Map<String, String> parameters(Path privateKey) {
        Map<String, String> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port",
                Integer.toString(server.getPort()), "user", USER, "privateKey", privateKey.toString(), "timeout", "PT5S"));
        assertEquals(List.of(), driver.validate(parameters));
        return parameters;
    }
}
