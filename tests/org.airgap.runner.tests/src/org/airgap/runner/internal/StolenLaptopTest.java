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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.airgap.compare.CompareEngine;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.StoreException;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.RecordingProgress;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeyException;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stolen laptop: after a real run with the directory driver on an encrypted workspace, no byte of the
 * workspace (store, its tmp/, synced definitions, runs, audit, key slots) holds the device file's marker or
 * the component's secret parameter, plain, Base64 or UTF-16; without the password nothing opens, and a wrong
 * one is a clear error. (The directory driver has no password parameter: the secret rides in its
 * {@code exclude} parameter, stored in the synced components like a password.)
 */
class StolenLaptopTest {

    private static final String USER = "tech1";
    private static final char[] PASSWORD = "Correct-Horse-7".toCharArray();
    private static final String FILE_MARKER = "FILEMARKER-8c1d0e52-device-content";
    private static final String SECRET_MARKER = "PWMARKER-44f7a913-component-secret";

    @TempDir
    Path device;

    @TempDir
    Path laptop;

    @Test
    void nothingOfTheDeviceOrItsSecretIsReadableAndNothingOpensWithoutThePassword() throws IOException {
        System.setProperty("airgap.keyslot.iterations", String.valueOf(WorkspaceKeys.MIN_ITERATIONS));
        try {
            Files.writeString(device.resolve("program.txt"), "line 1\n" + FILE_MARKER + "\nline 3\n");
            Path location = laptop.resolve("workspace");
            try (Workspace workspace = Workspace.open(location)) {
                workspace.unlock(workspace.createDataKey(USER, PASSWORD));
                JobOptions options = new JobOptions(1, Duration.ofMillis(50), null, true, List.of(), List.of(),
                        List.of());
                workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                        List.of(new Component("hmi", "Line HMI", "hall", "directory",
                                Map.of("path", device.toString(), "exclude", SECRET_MARKER))),
                        List.of(new Job("job-hmi", "hmi", "HMI share", Map.of(), options)), List.of()), USER);
                LocalJobRunner runner = new LocalJobRunner(workspace, DriverTestKit.service(CompareEngine.class, null));
                runner.addDriver(DriverTestKit.driver("directory"), Map.of(DeviceDriver.ID, "directory"));
                Run run = runner.run("job-hmi", USER, new RecordingProgress());
                assertEquals(RunOutcome.SUCCEEDED, run.outcome(), run.messages().toString());
            }

            List<String> found = search(location, FILE_MARKER, SECRET_MARKER);
            assertEquals(List.of(), found);
            assertFalse(search(device, FILE_MARKER).isEmpty(), "the search finds the marker where it is");

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
            }
        } finally {
            System.clearProperty("airgap.keyslot.iterations");
        }
    }

    /** The files under {@code root} holding any marker as UTF-8, UTF-16 (LE, BE) or Base64 (any alignment). */
    private static List<String> search(Path root, String... markers) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String marker : markers) {
                    for (String form : forms(marker)) {
                        if (bytes.contains(form)) {
                            found.add(file + " holds " + marker);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static List<String> forms(String marker) {
        List<String> forms = new ArrayList<>();
        forms.add(marker);
        forms.add(new String(marker.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        forms.add(new String(marker.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
        for (int shift = 0; shift < 3; shift++) {
            // Base64 of the marker after 0, 1 or 2 other bytes: the characters that depend on the marker alone.
            byte[] shifted = ("xx".substring(0, shift) + marker).getBytes(StandardCharsets.UTF_8);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int skip = shift == 0 ? 0 : 4;
            forms.add(encoded.substring(skip, encoded.length() - 4));
        }
        assertTrue(forms.stream().allMatch(form -> form.length() > 20));
        return forms;
    }
}
