package org.airgap.sync.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.Folder;
import org.airgap.model.IgnoreRule;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Version;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionPolicy;
import org.junit.jupiter.api.Test;

/**
 * What {@link SignedPull#MAX_ANSWER_BYTES} is measured against: the sync answer of a large plant — the 5,000
 * jobs on 1,000 devices in 50 folders of the workbench's LargeWorkspaceTest, all assigned to one technician, each
 * device with a version and a previous backup, jobs with include, exclude and ignore rules — is a small part of
 * the limit. The size is printed for docs/server.md.
 */
class SyncAnswerSizeTest {

    private static final int FOLDERS = 50;
    private static final int DEVICES = 1_000;
    private static final int JOBS = 5_000;

    @Test
    void theSyncAnswerOfALargePlantIsFarBelowTheLimit() {
        Instant time = Instant.parse("2026-12-01T08:00:00Z");
        List<Folder> folders = new ArrayList<>();
        for (int f = 0; f < FOLDERS; f++) {
            folders.add(new Folder("hall-" + f, "Production hall " + f, null));
        }
        List<Component> components = new ArrayList<>();
        List<Baseline> baselines = new ArrayList<>();
        for (int c = 0; c < DEVICES; c++) {
            String id = "device-" + c;
            components.add(new Component(id, "Filling line " + c + " PLC", "hall-" + (c % FOLDERS), "modbus-tcp",
                    Map.of("host", "10.20." + c / 250 + "." + c % 250, "port", "502", "unitId", "1",
                            "timeout", "5s", "registers", "0-9999")));
            Version version = new Version(id, 12, time, "technician-" + c % 40, "after the line's yearly overhaul",
                    snapshot(c), new DeviceIdentity("Vendor AG", "CPU 1516-3 PN/DP", "V2.9.4", "S V-L" + 1_000_000 + c));
            baselines.add(new Baseline(id, version, snapshot(c + DEVICES)));
        }
        List<Job> jobs = new ArrayList<>();
        JobOptions options = new JobOptions(3, Duration.ofSeconds(30), Duration.ofDays(30), true,
                List.of("programs/**", "recipes/*.csv"), List.of("**/*.tmp", "logs/**"),
                List.of(new IgnoreRule("**/*.csv", "^# exported at .*$")), Duration.ofMillis(50), 1 << 20);
        for (int j = 0; j < JOBS; j++) {
            jobs.add(new Job("job-" + j, "device-" + j / 5, "Back up line " + j / 5 + " part " + j % 5,
                    Map.of("path", "/srv/line-" + j / 5 + "/part-" + j % 5, "gentle", "true"), options));
        }
        PullResponse answer = new PullResponse(new SessionPolicy(Duration.ofHours(2), Duration.ofHours(48)),
                new OfflineVerifier("technician-1", Role.TECHNICIAN, "PBKDF2WithHmacSHA256", 600_000, "c2FsdA==",
                        "aGFzaA=="), folders, components, jobs, baselines, time);

        int bytes = ProtocolJson.write(answer).getBytes(StandardCharsets.UTF_8).length;

        System.out.printf("SyncAnswerSizeTest: %,d jobs on %,d devices: sync answer %,d bytes (%.1f MiB);"
                + " limit %,d bytes%n", JOBS, DEVICES, bytes, bytes / 1048576.0, SignedPull.MAX_ANSWER_BYTES);
        assertTrue(bytes * 8L < SignedPull.MAX_ANSWER_BYTES, "a large plant's sync answer of " + bytes
                + " bytes is not far below the limit of " + SignedPull.MAX_ANSWER_BYTES);
    }

    private static String snapshot(int number) {
        return String.format("%064x", number);
    }
}
