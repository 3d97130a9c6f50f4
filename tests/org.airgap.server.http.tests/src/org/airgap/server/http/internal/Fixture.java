package org.airgap.server.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.Role;
import org.airgap.protocol.UploadRequest;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;

/** A plant with two technicians, each with one job, and an administrator; backups to upload. */
final class Fixture {

    static final String ADMIN = "root";
    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String PRESS_JOB = "job-press";
    static final String PRESS = "press-1";
    static final String ROBOT_JOB = "job-robot";
    static final String ROBOT = "robot-2";

    private Fixture() {
    }

    /** Users, the definitions imported over the API by the administrator; returns the admin's token. */
    static String setUp(TestServer server) throws Exception {
        server.addUser(ADMIN, Role.ADMIN);
        server.addUser(ALICE, Role.TECHNICIAN);
        server.addUser(BOB, Role.TECHNICIAN);
        String admin = server.login(ADMIN);
        server.client.post(Api.ADMIN_IMPORT, admin, definitions()).expect(200);
        return admin;
    }

    static AdminImport definitions() {
        JobOptions versioned = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        return new AdminImport(List.of(new Folder("plant", "Plant", null)),
                List.of(new Component(PRESS, "Press 1", "plant", "directory", Map.of()),
                        new Component(ROBOT, "Robot 2", "plant", "directory", Map.of())),
                List.of(new Job(PRESS_JOB, PRESS, "Back up press 1", Map.of(), versioned),
                        new Job(ROBOT_JOB, ROBOT, "Back up robot 2", Map.of(), versioned)),
                List.of(new Assignment(PRESS_JOB, ALICE), new Assignment(ROBOT_JOB, BOB)));
    }

    /** A backup's files, its manifest's exact bytes and their hash (the snapshot id). */
    record Backup(Map<String, byte[]> files, String manifestJson, String snapshotId) {

        static Backup of(Map<String, byte[]> files) {
            List<ManifestEntry> entries = new ArrayList<>();
            Instant modified = Instant.parse("2026-11-20T08:00:00Z");
            files.forEach((path, bytes) -> entries.add(ManifestEntry.file(path, bytes.length, sha256(bytes), modified)));
            byte[] json = ManifestFormat.toJson(new Manifest(entries));
            return new Backup(Map.copyOf(files), new String(json, StandardCharsets.UTF_8), ManifestFormat.sha256(json));
        }

        UploadRequest upload(String runId, String jobId) {
            return new UploadRequest(run(runId, jobId, snapshotId), manifestJson);
        }
    }

    /** A program file of {@code size} pseudo-random bytes (the seed makes it reproducible). */
    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Map<String, byte[]> files(Object... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Object content = pathsAndContents[i + 1];
            files.put((String) pathsAndContents[i], content instanceof String text
                    ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) content);
        }
        return files;
    }

    static Run run(String id, String jobId, String snapshotId) {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        return new Run(id, jobId, start, start.plusSeconds(30), 1, RunOutcome.SUCCEEDED, null, snapshotId,
                CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE, List.of());
    }

    static String sha256(byte[] bytes) {
        return ManifestFormat.sha256(bytes);
    }
}
