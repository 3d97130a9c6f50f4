package org.airgap.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.airgap.compare.CompareEngine;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.store.StoreException;
import org.airgap.testing.MarkerSearch;
import org.airgap.testing.SystemProperty;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.RecordingProgress;
import org.airgap.workspace.SealedFiles;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeyException;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stolen laptop: after a real run with the directory driver on an encrypted workspace, no byte of the
 * workspace (store, its tmp/, synced definitions, runs, audit, key slots) holds the device file's marker or
 * the component's secret parameter, plain, Base64 or UTF-16, nor the job, run and snapshot ids the audit trail
 * names — nor, once the previous layout's plain trust files are sealed, the offline login's PBKDF2 salt and hash,
 * the pinned fingerprints or the laptop's private key; nor does any file the test's process wrote to the temp folder;
 * without the password nothing opens, and a wrong one is a clear error. (The directory driver has no password
 * parameter: the secret rides in its
 * {@code exclude} parameter, stored in the synced components like a password.)
 */
class StolenLaptopTest {

    private static final String USER = "tech1";
    private static final char[] PASSWORD = "Correct-Horse-7".toCharArray();
    private static final String FILE_MARKER = "FILEMARKER-8c1d0e52-device-content";
    private static final String SECRET_MARKER = "PWMARKER-44f7a913-component-secret";
    /** The job's id is a marker too: the audit trail names it, with the run's and the snapshot's ids. */
    private static final String JOB_MARKER = "job-marker-3f9e61b0c27d4a85";
    /** Key slots with the fewest PBKDF2 iterations a slot may have, for the tests' speed. */
    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = new SystemProperty("airgap.keyslot.iterations",
            String.valueOf(WorkspaceKeys.MIN_ITERATIONS));

    @TempDir
    Path device;

    @TempDir
    Path laptop;

    @Test
    void nothingOfTheDeviceOrItsSecretIsReadableAndNothingOpensWithoutThePassword() throws IOException {
        Files.writeString(device.resolve("program.txt"), "line 1\n" + FILE_MARKER + "\nline 3\n");
        Path location = laptop.resolve("workspace");
        List<byte[]> trustSecrets = plainTrustFiles(location);
        Instant started = Instant.now().minusSeconds(2); // file times may be coarser than the clock
        Run run;
        try (Workspace workspace = Workspace.open(location)) {
            workspace.unlock(workspace.createDataKey(USER, PASSWORD));
            JobOptions options = new JobOptions(1, Duration.ofMillis(50), null, true, List.of(), List.of(),
                    List.of());
            workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                    List.of(new Component("hmi", "Line HMI", "hall", "directory",
                            Map.of("path", device.toString(), "exclude", SECRET_MARKER))),
                    List.of(new Job(JOB_MARKER, "hmi", "HMI share", Map.of(), options)), List.of()), USER);
            LocalJobRunner runner = new LocalJobRunner(workspace, DriverTestKit.service(CompareEngine.class, null));
            runner.addDriver(DriverTestKit.driver("directory"), Map.of(DeviceDriver.ID, "directory"));
            run = runner.run(JOB_MARKER, USER, new RecordingProgress());
            assertEquals(RunOutcome.SUCCEEDED, run.outcome(), run.messages().toString());
        }

        List<String> found = search(location, utf8(FILE_MARKER), utf8(SECRET_MARKER));
        assertEquals(List.of(), found);
        found = search(location, trustSecrets.toArray(byte[][]::new));
        assertEquals(List.of(), found, "the offline login's salt and hash, the pins, the laptop's private key");
        assertFalse(search(device, utf8(FILE_MARKER)).isEmpty(), "the search finds the marker where it is");
        String[] ids = { JOB_MARKER, run.id(), run.snapshotId() };
        assertEquals(List.of(), MarkerSearch.search(location, ids), "the audit trail's job, run and snapshot ids");
        Path temp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        assertEquals(List.of(), MarkerSearch.search(temp, started, Set.of(device.toRealPath()), FILE_MARKER,
                SECRET_MARKER, JOB_MARKER, run.id(), run.snapshotId()), "the temp folder, but for the device");

        try (Workspace workspace = Workspace.open(location)) {
            assertEquals(List.of(), workspace.synced().components(), "no definitions without the key");
            assertThrows(StoreException.class, workspace::runs);
            assertEquals(StoreException.Kind.LOCKED,
                    assertThrows(StoreException.class, () -> workspace.store().snapshotIds()).kind());
            WorkspaceKeyException wrong = assertThrows(WorkspaceKeyException.class,
                    () -> WorkspaceKeys.of(location).unlock(USER, "Correct-Horse-8".toCharArray()));
            assertEquals("wrong password for tech1's key on this workspace: the workspace stays locked",
                    wrong.getMessage());
            workspace.unlock(WorkspaceKeys.of(location).unlock(USER, PASSWORD));
            assertEquals(SECRET_MARKER, workspace.synced().components().get(0).connection().get("exclude"));
            assertEquals(1, workspace.runs().size());
            assertEquals(TRUSTED_TLS, new String(workspace.sealedFiles().read(location.resolve(
                    SealedFiles.KNOWN_SERVERS)).orElseThrow(), StandardCharsets.UTF_8).replaceAll(
                            "(?s).*\"fingerprint\":\"([^\"]+)\".*", "$1"), "the pins open with the key");
            assertTrue(workspace.audit().entries().stream().anyMatch(entry -> entry.subject().equals(JOB_MARKER)
                    && entry.details().contains(run.id() + " SUCCEEDED snapshot " + run.snapshotId())),
                    "the trail opens with the key");
        }
    }

    private static final String TRUSTED_TLS = "SHA256:" + Base64.getEncoder().withoutPadding()
            .encodeToString(random(32));

    /**
     * The offline login, the pins and the laptop key as a workspace of the previous layout kept them (plain), to be
     * sealed at the first unlock; returns the secrets they hold: the verifier's salt and hash, the pinned
     * fingerprints, the private key.
     */
    private static List<byte[]> plainTrustFiles(Path location) throws IOException {
        byte[] salt = random(16);
        byte[] hash = random(32);
        String signingKeyFingerprint = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(random(32));
        KeyPair laptopKey;
        try {
            laptopKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        Files.createDirectories(location.resolve("session"));
        Files.writeString(location.resolve("session").resolve("verifier-" + USER + ".json"), ProtocolJson.write(Map.of(
                "server", "https://airgap.test:8443", "verifier", new OfflineVerifier(USER, Role.TECHNICIAN,
                        "PBKDF2WithHmacSHA256", 600_000, Base64.getEncoder().encodeToString(salt),
                        Base64.getEncoder().encodeToString(hash)))));
        Files.writeString(location.resolve(SealedFiles.KNOWN_SERVERS), ProtocolJson.write(Map.of("servers", List.of(
                Map.of("server", "https://airgap.test:8443", "fingerprint", TRUSTED_TLS, "pinned",
                        "2026-12-01T00:00:00Z", "acceptSigningKey", signingKeyFingerprint)))));
        Files.writeString(location.resolve(SealedFiles.LAPTOP_KEY), "laptop=laptop-stolen\ncreated=2026-12-01T00:00:00Z\n"
                + "public=" + Base64.getEncoder().encodeToString(laptopKey.getPublic().getEncoded()) + "\nprivate="
                + Base64.getEncoder().encodeToString(laptopKey.getPrivate().getEncoded()) + "\n");
        byte[] pkcs8 = laptopKey.getPrivate().getEncoded();
        return List.of(salt, hash, utf8(TRUSTED_TLS.substring(7)), utf8(signingKeyFingerprint.substring(7)),
                Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The files under {@code root} holding any marker as UTF-8, UTF-16 (LE, BE) or Base64 (any alignment). */
    private static List<String> search(Path root, byte[]... markers) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (byte[] marker : markers) {
                    for (String form : forms(marker)) {
                        if (bytes.contains(form)) {
                            found.add(file + " holds " + Base64.getEncoder().encodeToString(marker));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The marker's bytes as they are, as UTF-16 LE and BE of their characters (ISO-8859-1) and in Base64. */
    private static List<String> forms(byte[] marker) {
        String text = new String(marker, StandardCharsets.ISO_8859_1);
        List<String> forms = new ArrayList<>();
        forms.add(text);
        forms.add(new String(text.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        forms.add(new String(text.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
        for (int shift = 0; shift < 3; shift++) {
            // Base64 of the marker after 0, 1 or 2 other bytes: the characters that depend on the marker alone.
            byte[] shifted = new byte[shift + marker.length];
            System.arraycopy(marker, 0, shifted, shift, marker.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int skip = shift == 0 ? 0 : 4;
            forms.add(encoded.substring(skip, encoded.length() - 4));
        }
        assertTrue(forms.stream().allMatch(form -> form.length() >= 12), "long enough not to be found by chance");
        return forms;
    }
}
