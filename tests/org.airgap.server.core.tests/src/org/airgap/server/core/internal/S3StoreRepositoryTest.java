package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.plant;
import static org.airgap.server.core.internal.ServerFixtures.results;
import static org.airgap.server.core.internal.ServerFixtures.run;
import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.airgap.server.core.internal.ServerFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.airgap.model.Version;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerSettings;
import org.airgap.store.s3.S3StoreSettings;
import org.airgap.testing.S3ProxyServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose server.ini names an S3 bucket in {@code [Store]} (docs/scale-out.md): its versions' files
 * go to the bucket and nowhere in the data directory, survive a restart of the server, and a store it cannot
 * use stops it at start with a message naming {@code [Store]} and never the secret.
 */
class S3StoreRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    private S3ProxyServer server;
    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(S3ProxyServer.selected(), "writes its own [Store]; the S3 run's fixture has written one already");
        server = S3ProxyServer.shared();
        data = dir.resolve("data");
        Files.createDirectories(data);
        server.writeCredentials(data.resolve("s3.credentials"));
    }

    private ServerSettings withStore(String section) throws IOException {
        ServerSettings settings = settings(data); // writes server.ini first in the PostgreSQL run
        Files.writeString(settings.iniFile(), (Files.exists(settings.iniFile()) ? "" : "[Retention]\ngcSchedule = off\n")
                + "\n" + section, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return settings;
    }

    @Test
    void versionsAreKeptInTheBucketAcrossARestartOfTheServer() throws Exception {
        String bucket = server.newBucket();
        ServerSettings settings = withStore(server.storeSection(bucket, "s3.credentials"));
        H2ServerRepository repository = H2ServerRepository.open(settings, new ServerFixtures.MovableClock(NOW));
        String snapshotId;
        try {
            repository.addUser("tech1", Role.TECHNICIAN, "pw1".toCharArray());
            repository.addUser("tech2", Role.TECHNICIAN, "pw2".toCharArray());
            repository.importDefinitions(plant());
            snapshotId = snapshot(repository.store(), "program v1");
            assertTrue(repository.commit(run("run-1", "job-plc", snapshotId), "tech1", results("run-1"), true,
                    "first backup").versionCreated());
        } finally {
            repository.deactivate();
        }
        assertFalse(Files.exists(settings.storeDirectory()), "nothing in the data directory's store");
        assertTrue(Files.isRegularFile(server.objectFile(bucket, "manifests/" + snapshotId + ".json")));

        H2ServerRepository restarted = H2ServerRepository.open(settings, new ServerFixtures.MovableClock(NOW));
        try {
            Version version = restarted.latestVersion("plc-1").orElseThrow();
            assertEquals(1, version.number());
            assertEquals(snapshotId, version.snapshotId());
            String sha256 = restarted.store().readSnapshot(snapshotId).manifest().entry("program.txt").orElseThrow()
                    .sha256();
            try (InputStream in = restarted.store().openBlob(sha256)) {
                assertEquals("program v1", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            restarted.deactivate();
        }
    }

    @Test
    void wrongCredentialsStopTheServerAtStartNamingStoreButNotTheSecret() throws Exception {
        S3ProxyServer.writeCredentials(data.resolve("s3.credentials"), "AKWRONG", "wrong-secret-5678");
        ServerSettings settings = withStore(server.storeSection(server.newBucket(), "s3.credentials"));
        IOException refused = assertThrows(IOException.class, () -> H2ServerRepository.open(settings,
                new ServerFixtures.MovableClock(NOW)));
        assertTrue(refused.getMessage().startsWith(settings.iniFile() + " [Store]: the S3 store "
                + server.endpoint() + " bucket "), refused.getMessage());
        assertTrue(refused.getMessage().contains("refused the credentials of " + data.resolve("s3.credentials")),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("wrong-secret-5678"), refused.getMessage());
    }

    @Test
    void anUnknownBucketStopsTheServerAtStartNamingStore() throws Exception {
        ServerSettings settings = withStore(server.storeSection("airgap-no-such-bucket", "s3.credentials"));
        IOException refused = assertThrows(IOException.class, () -> H2ServerRepository.open(settings,
                new ServerFixtures.MovableClock(NOW)));
        assertTrue(refused.getMessage().startsWith(settings.iniFile() + " [Store]: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("bucket airgap-no-such-bucket has no such bucket: create it first"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains(server.secretAccessKey()), refused.getMessage());
    }

    @Test
    void theStoreSectionIsAllOrNoneAndItsValuesAreChecked() throws Exception {
        Path ini = data.resolve("server.ini");
        Files.writeString(ini, "[Store]\nbucket = airgap\nregion = us-east-1\n");
        ServerIniException incomplete = assertThrows(ServerIniException.class, () -> ServerIni.store(data));
        assertEquals(ini + " line 2: [Store] needs s3.endpoint, bucket, region, credentialsFile, pathStyle: name all"
                + " five, or none for the store in the data directory", incomplete.getMessage());

        Files.writeString(ini, "[Store]\ns3.endpoint = https://AKID:secret99@s3.example:9000\nbucket = airgap\n"
                + "region = us-east-1\ncredentialsFile = s3.credentials\npathStyle = true\n");
        ServerIniException withUser = assertThrows(ServerIniException.class, () -> ServerIni.store(data));
        assertTrue(withUser.getMessage().startsWith(ini + " line 2: s3.endpoint must be only scheme, host and port"),
                withUser.getMessage());
        assertFalse(withUser.getMessage().contains("secret99"), "a refused endpoint is not echoed");

        Files.writeString(ini, "[Store]\ns3.endpoint = https://s3.example:9000\nbucket = Airgap_Backups\n"
                + "region = us-east-1\ncredentialsFile = s3.credentials\npathStyle = true\n");
        assertTrue(assertThrows(ServerIniException.class, () -> ServerIni.store(data)).getMessage().contains(
                "line 3: bucket = 'Airgap_Backups' is not an S3 bucket name"));

        Files.writeString(ini, "[Store]\ns3.endpoint = https://s3.example:9000\nbucket = airgap\nregion = us-east-1\n"
                + "credentialsFile = s3.credentials\npathStyle = yes\n");
        assertTrue(assertThrows(ServerIniException.class, () -> ServerIni.store(data)).getMessage().contains(
                "line 6: pathStyle = 'yes' is neither true nor false"));

        Files.writeString(ini, "[Store]\ns3.endpoint = https://s3.example:9000\nbucket = airgap\nregion = eu-central-1\n"
                + "credentialsFile = s3.credentials\npathStyle = false\n");
        assertEquals(new S3StoreSettings(java.net.URI.create("https://s3.example:9000"), "airgap", "eu-central-1",
                data.toAbsolutePath().resolve("s3.credentials"), false), ServerIni.store(data).orElseThrow());

        Files.writeString(ini, "[Server]\nport = 8080\n");
        assertTrue(ServerIni.store(data).isEmpty(), "no [Store]: the store in the data directory");
    }
}
