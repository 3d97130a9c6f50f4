package org.airgap.platform.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MINA SSHD on both ends, as the SFTP driver will use it: an SshServer with the SFTP subsystem and
 * password authentication on loopback, an SshClient that checks the host key, logs in, lists a folder
 * and reads a file.
 */
@Timeout(30)
class SshdSftpTest {

    private static final String USER = "technician";
    private static final String PASSWORD = "s3cret";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SshServer server;
    private SshClient client;
    private PublicKey hostKey;
    private byte[] backup;

    @BeforeEach
    void start() throws IOException, GeneralSecurityException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path hmi = Files.createDirectories(root.resolve("hmi"));
        backup = new byte[200_000];
        new Random(11).nextBytes(backup);
        Files.write(hmi.resolve("project.zip"), backup);
        Files.writeString(hmi.resolve("alarms.csv"), "id;text\n1;Door open\n");

        KeyPairProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
        List<KeyPair> keys = new ArrayList<>();
        hostKeys.loadKeys(null).forEach(keys::add);
        assertEquals(1, keys.size());
        hostKey = keys.get(0).getPublic();
        assertTrue(Files.size(dir.resolve("hostkey.ser")) > 0, "host key not written");

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0); // any free port; getPort() reports the bound one after start
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        assertTrue(server.getPort() > 0, "SSH server bound to port " + server.getPort());

        client = SshClient.setUpDefaultClient();
        // By default the client reads ~/.ssh/config and ~/.ssh/id_*: a driver (and this test) must not
        // depend on the account it runs under.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        // Accept exactly the server's host key, as a driver with a known host key would.
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(hostKey, key));
        client.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.stop();
        }
        if (server != null) {
            server.stop(true);
        }
    }

    @Test
    void listAndReadOverSftp() throws IOException {
        try (ClientSession session = login(PASSWORD); SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            Map<String, Long> sizes = new TreeMap<>();
            for (SftpClient.DirEntry entry : sftp.readDir("/hmi")) {
                if (!entry.getFilename().startsWith(".")) {
                    sizes.put(entry.getFilename(), entry.getAttributes().getSize());
                }
            }
            assertEquals(Map.of("alarms.csv", 20L, "project.zip", (long) backup.length), sizes);

            try (InputStream in = sftp.read("/hmi/project.zip")) {
                assertArrayEquals(backup, in.readAllBytes());
            }
        }
    }

    @Test
    void wrongPasswordIsRefused() throws IOException {
        SshException refused = assertThrows(SshException.class, () -> login("guess").close());
        assertFalse(refused.getMessage().isBlank());
    }

    private ClientSession login(String password) throws IOException {
        ClientSession session = client.connect(USER, "127.0.0.1", server.getPort()).verify(TIMEOUT).getClientSession();
        try {
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
