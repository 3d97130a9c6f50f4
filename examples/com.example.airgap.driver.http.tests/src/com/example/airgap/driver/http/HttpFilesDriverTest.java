package com.example.airgap.driver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.airgap.compare.EntryStatus;
import org.airgap.compare.SnapshotComparison;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.DriverTestKit.Backup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example driver against a real HTTP peer, as docs/writing-a-driver.md tells a vendor to test. */
class HttpFilesDriverTest {

    @TempDir
    Path store;
    private TinyHttpDevice device;
    private DriverTestKit kit;
    private final DeviceDriver driver = DriverTestKit.driver("example-http");

    @BeforeEach
    void start() throws Exception {
        device = new TinyHttpDevice(null);
        device.files.put("config/drive.xml", "<drive speed=\"1450\"/>\n".getBytes(StandardCharsets.UTF_8));
        device.files.put("config/params.csv", "p1;10\np2;20\n".getBytes(StandardCharsets.UTF_8));
        kit = new DriverTestKit(store);
    }

    @AfterEach
    void stop() throws Exception {
        device.close();
    }

    private Map<String, String> parameters() {
        return Map.of("baseUrl", device.baseUrl(), "files", "config/drive.xml, config/params.csv", "timeout", "PT3S");
    }

    @Test
    void anUnchangedDeviceComparesEqualAndAChangedFileDifferent() throws Exception {
        Backup first = kit.backup(driver, parameters());
        Backup second = kit.backup(driver, parameters());
        assertEquals(CompareResult.EQUAL, kit.compare(first.snapshotOrFail(), second.snapshotOrFail(), List.of()).result());
        device.files.put("config/drive.xml", "<drive speed=\"1500\"/>\n".getBytes(StandardCharsets.UTF_8));
        SnapshotComparison changed = kit.compare(first.snapshot(), kit.backup(driver, parameters()).snapshotOrFail(),
                List.of());
        assertEquals(CompareResult.DIFFERENT, changed.result());
        assertEquals(EntryStatus.CHANGED, changed.entry("config/drive.xml").orElseThrow().status());
        assertEquals(EntryStatus.EQUAL, changed.entry("config/params.csv").orElseThrow().status());
    }

    @Test
    void aMissingFileIsNotFoundAndNothingIsCommitted() throws Exception {
        Backup backup = kit.backup(driver, Map.of("baseUrl", device.baseUrl(), "files", "config/nothing.xml"));
        assertEquals(ProblemKind.NOT_FOUND, backup.result().problems().get(0).kind());
        assertTrue(backup.result().problems().get(0).message().contains("config/nothing.xml"));
        assertNull(backup.snapshot());
    }

    @Test
    void wrongCredentialsAreReportedAsSuch() throws Exception {
        try (TinyHttpDevice locked = new TinyHttpDevice("Basic " + Base64.getEncoder().encodeToString(
                "admin:secret".getBytes(StandardCharsets.UTF_8)))) {
            locked.files.put("a.txt", new byte[] { 1 });
            Map<String, String> wrong = Map.of("baseUrl", locked.baseUrl(), "files", "a.txt", "user", "admin",
                    "password", "guess");
            assertEquals(ProblemKind.AUTHENTICATION_FAILED, kit.backup(driver, wrong).result().problems().get(0).kind());
            Map<String, String> right = Map.of("baseUrl", locked.baseUrl(), "files", "a.txt", "user", "admin",
                    "password", "secret");
            assertTrue(kit.backup(driver, right).result().ok());
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        String url = device.baseUrl();
        device.close();
        assertEquals(ProblemKind.UNREACHABLE, driver.testConnection(Map.of("baseUrl", url, "files", "a.txt"),
                org.airgap.driver.api.DriverProgress.NONE).problems().get(0).kind());
    }

    @Test
    void badParametersAreNamed() {
        var problems = driver.validate(Map.of("baseUrl", "ftp://x", "files", "../etc/passwd", "timeout", "soon"));
        List<String> names = problems.stream().map(p -> p.parameter()).sorted().toList();
        assertEquals(List.of("baseUrl", "files", "timeout"), names, problems.toString());
        assertFalse(driver.validate(parameters()).iterator().hasNext());
    }
}
