package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.job;
import static org.airgap.server.core.internal.ServerFixtures.plant;
import static org.airgap.server.core.internal.ServerFixtures.results;
import static org.airgap.server.core.internal.ServerFixtures.run;
import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.airgap.server.core.internal.ServerFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.Version;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ImportReport;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository.Definitions;
import org.airgap.server.core.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository on a real H2 file and a real store in a temporary data directory. */
class H2ServerRepositoryTest {

    private static final UserInfo ADMIN = new UserInfo("admin", Role.ADMIN);
    private static final UserInfo TECH1 = new UserInfo("tech1", Role.TECHNICIAN);
    private static final UserInfo TECH2 = new UserInfo("tech2", Role.TECHNICIAN);

    @TempDir
    Path dir;

    private ServerSettings settings;
    private H2ServerRepository repository;
    private final ServerFixtures.MovableClock clock = new ServerFixtures.MovableClock(Instant.parse("2026-03-02T10:00:00.123456789Z"));

    @BeforeEach
    void open() throws Exception {
        settings = settings(dir.resolve("data"));
        repository = H2ServerRepository.open(settings, clock);
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    @Test
    void usersAreAddedOnceAndTheirPasswordsChecked() throws Exception {
        assertEquals(TECH1, repository.addUser("tech1", Role.TECHNICIAN, "correct horse".toCharArray()));
        ServerException duplicate = assertThrows(ServerException.class,
                () -> repository.addUser("tech1", Role.ADMIN, "other".toCharArray()));
        assertEquals(Kind.CONFLICT, duplicate.kind());
        assertEquals("the user tech1 exists already", duplicate.getMessage());

        assertEquals(Optional.of(TECH1), repository.checkPassword("tech1", "correct horse".toCharArray()));
        assertEquals(Optional.empty(), repository.checkPassword("tech1", "correct horsE".toCharArray()));
        assertEquals(Optional.empty(), repository.checkPassword("nobody", "correct horse".toCharArray()));
        assertEquals(Optional.empty(), repository.checkPassword("tech1", new char[0]));
        assertEquals(Optional.of(TECH1), repository.user("tech1"));
        assertEquals(List.of(TECH1), repository.users());

        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class,
                () -> repository.addUser("tech2", Role.TECHNICIAN, new char[0])).kind());
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class,
                () -> repository.addUser("a b", Role.TECHNICIAN, "x".toCharArray())).kind());
        assertEquals(List.of(TECH1), repository.users());
    }

    @Test
    void theStoredHashIsPbkdf2WithASaltPerUserAndTheConfiguredIterations() throws Exception {
        repository.addUser("tech1", Role.TECHNICIAN, "same password".toCharArray());
        repository.addUser("tech2", Role.TECHNICIAN, "same password".toCharArray());
        List<byte[]> salts = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        try (Connection db = rawConnection(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT salt, iterations, hash FROM users ORDER BY name")) {
            while (rows.next()) {
                salts.add(rows.getBytes(1));
                assertEquals(settings.passwordIterations(), rows.getInt(2));
                hashes.add(rows.getBytes(3));
            }
        }
        assertEquals(2, hashes.size());
        assertEquals(16, salts.get(0).length);
        assertEquals(32, hashes.get(0).length);
        assertFalse(new String(hashes.get(0), StandardCharsets.ISO_8859_1).contains("same password"));
        assertNotEquals(List.of(salts.get(0)), List.of(salts.get(1)));
        assertFalse(java.util.Arrays.equals(hashes.get(0), hashes.get(1)), "equal passwords must hash differently");
        assertArrayEquals(Passwords.pbkdf2("same password".toCharArray(), salts.get(0), settings.passwordIterations()), hashes.get(0));
    }

    @Test
    void importingTheSameDefinitionsTwiceChangesNothing() throws Exception {
        addTechnicians();
        assertEquals(new ImportReport(9, 0, 0), repository.importDefinitions(plant()));
        assertEquals(new ImportReport(0, 0, 9), repository.importDefinitions(plant()));

        AdminImport renamed = new AdminImport(List.of(new Folder("cell-1", "Cell 1 (press)", "plant")), List.of(),
                List.of(job("job-plc", "plc-1", "Back up PLC press"), job("job-new", "plc-1", "Second job")),
                List.of(new Assignment("job-new", "tech2")));
        assertEquals(new ImportReport(2, 1, 1), repository.importDefinitions(renamed));
        assertEquals("Cell 1 (press)", repository.definitionsFor(ADMIN).folders().stream()
                .filter(folder -> folder.id().equals("cell-1")).findFirst().orElseThrow().name());
        assertEquals(List.of("job-new", "job-robot"), ids(repository.definitionsFor(TECH2).jobs()));
    }

    @Test
    void aJobsGentleModeIsStoredAndServedAndJobsWithoutItKeepTheirStoredForm() throws Exception {
        addTechnicians();
        repository.importDefinitions(plant());
        Job gentle = new Job("job-plc", "plc-1", "Back up PLC press", Map.of(),
                JobOptions.defaults().withGentleMode(Duration.ofMillis(200), 65_536));
        AdminImport slower = new AdminImport(List.of(), List.of(), List.of(gentle), List.of());
        assertEquals(new ImportReport(0, 1, 0), repository.importDefinitions(slower));
        assertEquals(new ImportReport(0, 0, 1), repository.importDefinitions(slower));
        assertEquals(List.of(gentle), repository.definitionsFor(TECH1).jobs());
        assertEquals(JobOptions.defaults(), repository.definitionsFor(TECH2).jobs().get(0).options());
        try (Connection db = rawConnection(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT id, json FROM jobs ORDER BY id")) {
            assertTrue(rows.next());
            assertTrue(rows.getString(2).contains("\"pauseBetweenRequests\": \"PT0.2S\""), rows.getString(2));
            assertTrue(rows.next());
            // The robot job is stored as before gentle mode existed, so older servers and laptops still read it.
            assertEquals("job-robot", rows.getString(1));
            assertFalse(rows.getString(2).contains("pauseBetweenRequests") || rows.getString(2).contains("maxBytes"));
        }
    }

    @Test
    void aBadReferenceIsRefusedNamingTheItemAndChangesNothing() throws Exception {
        addTechnicians();
        repository.importDefinitions(plant());
        Definitions before = repository.definitionsFor(ADMIN);
        List<JobSummary> summariesBefore = repository.jobSummaries(ADMIN);

        // Valid changes first in each import: none of them may stay behind.
        Folder renamed = new Folder("plant", "Renamed", null);
        assertRefused("component 'hmi-3' is in folder 'cell-9', which is not defined", new AdminImport(
                List.of(renamed), List.of(new Component("hmi-3", "HMI", "cell-9", "ftp", Map.of())), List.of(), List.of()));
        assertRefused("job 'job-x' backs up component 'nothing', which is not defined", new AdminImport(
                List.of(renamed), List.of(), List.of(job("job-x", "nothing", "X")), List.of()));
        assertRefused("the assignment of job 'job-none' to tech1 names a job that is not defined", new AdminImport(
                List.of(renamed), List.of(), List.of(), List.of(new Assignment("job-none", "tech1"))));
        assertRefused("the assignment of job 'job-plc' to tech9 names an unknown user: add it first with"
                + " airgap-server user add tech9 --role technician", new AdminImport(List.of(renamed), List.of(),
                        List.of(), List.of(new Assignment("job-plc", "tech1"), new Assignment("job-plc", "tech9"))));
        assertRefused("folder 'cell-3' is in folder 'hall-7', which is not defined", new AdminImport(
                List.of(renamed, new Folder("cell-3", "Cell 3", "hall-7")), List.of(), List.of(), List.of()));
        assertRefused("folder 'a' is inside itself: its parent folders form a cycle through 'a'", new AdminImport(
                List.of(new Folder("a", "A", "b"), new Folder("b", "B", "a")), List.of(), List.of(), List.of()));
        assertRefused("the import defines job 'job-plc' twice", new AdminImport(List.of(), List.of(),
                List.of(job("job-plc", "plc-1", "One"), job("job-plc", "plc-1", "Two")), List.of()));

        assertEquals(before, repository.definitionsFor(ADMIN));
        assertEquals(summariesBefore, repository.jobSummaries(ADMIN));
    }

    @Test
    void aTechnicianSeesOnlyTheJobsAssignedToThem() throws Exception {
        addTechnicians();
        repository.importDefinitions(plant());

        Definitions tech1 = repository.definitionsFor(TECH1);
        assertEquals(List.of("job-plc"), ids(tech1.jobs()));
        assertEquals(List.of("plc-1"), tech1.components().stream().map(Component::id).toList());
        assertEquals(List.of("cell-1", "plant"), tech1.folders().stream().map(Folder::id).toList());
        assertEquals(List.of(new JobSummary("job-plc", "Back up PLC press", "plc-1", "PLC press", "modbus-tcp",
                List.of("tech1"))), repository.jobSummaries(TECH1));
        assertTrue(repository.mayAccess(TECH1, "job-plc"));
        assertFalse(repository.mayAccess(TECH1, "job-robot"));
        assertFalse(repository.mayAccess(TECH1, "job-unknown"));

        Definitions admin = repository.definitionsFor(ADMIN);
        assertEquals(List.of("job-plc", "job-robot"), ids(admin.jobs()));
        assertEquals(3, admin.folders().size());
        assertEquals(2, repository.jobSummaries(ADMIN).size());
        assertTrue(repository.mayAccess(ADMIN, "job-robot"));
        assertEquals("plc-1", repository.job("job-plc").orElseThrow().componentId());
        assertEquals("PLC press", repository.component("plc-1").orElseThrow().name());
    }

    @Test
    void committingTheSameRunTwiceCreatesOneVersion() throws Exception {
        addTechnicians();
        repository.importDefinitions(plant());
        String snapshot = snapshot(repository.store(), "program v1");

        CommitResult first = repository.commit(run("run-1", "job-plc", snapshot), "tech1", results("run-1"), true,
                "first backup");
        // Stored in milliseconds: the answer must not differ from the one read back later.
        Version expected = new Version("plc-1", 1, Instant.parse("2026-03-02T10:00:00.123Z"), "tech1",
                "first backup", snapshot);
        assertEquals(new CommitResult("run-1", results("run-1").serverVersionResult(),
                results("run-1").previousBackupResult(), expected, true), first);
        clock.advance(java.time.Duration.ofMinutes(5));
        assertEquals(first, repository.commit(run("run-1", "job-plc", snapshot), "tech1", results("run-1"), true,
                "retried"));
        assertEquals(Optional.of(first), repository.committed("run-1"));
        assertEquals(List.of(expected), repository.versions("plc-1"));

        // Without a new version: the result names the latest one.
        String unchanged = snapshot(repository.store(), "program v1 again");
        CommitResult second = repository.commit(run("run-2", "job-plc", unchanged), "tech1", results("run-2"), false,
                null);
        assertFalse(second.versionCreated());
        assertEquals(expected, second.version());
        assertEquals(Optional.of(expected), repository.latestVersion("plc-1"));
        assertEquals(Optional.of(unchanged), repository.latestBackupSnapshot("plc-1"));
        assertEquals(Optional.of(expected), repository.version("plc-1", 1));
        assertEquals(Optional.empty(), repository.version("plc-1", 2));
        assertEquals(Optional.empty(), repository.latestVersion("robot-2"));
    }

    @Test
    void aCommitNeedsAKnownJobAndItsSnapshotInTheStore() throws Exception {
        addTechnicians();
        repository.importDefinitions(plant());
        String missing = "0".repeat(64);
        ServerException noSnapshot = assertThrows(ServerException.class,
                () -> repository.commit(run("run-1", "job-plc", missing), "tech1", results("run-1"), true, ""));
        assertEquals(Kind.BAD_REQUEST, noSnapshot.kind());
        assertTrue(noSnapshot.getMessage().contains("upload its manifest and blobs"), noSnapshot.getMessage());
        assertEquals(Kind.NOT_FOUND, assertThrows(ServerException.class,
                () -> repository.commit(run("run-1", "job-gone", null), "tech1", results("run-1"), false, "")).kind());
        // A failed run without a snapshot is kept, without a version.
        CommitResult failed = repository.commit(run("run-2", "job-plc", null), "tech1", results("run-2"), false, "");
        assertNull(failed.version());
        assertEquals(Optional.empty(), repository.latestBackupSnapshot("plc-1"));
        assertEquals(Optional.empty(), repository.committed("run-1"));
    }

    @Test
    void concurrentCommitsOfOneComponentNumberVersionsWithoutGapsOrDuplicates() throws Exception {
        addTechnicians();
        repository.importDefinitions(plant());
        List<String> snapshots = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            snapshots.add(snapshot(repository.store(), "program " + i));
        }
        ExecutorService clients = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<CommitResult>> commits = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String runId = "run-" + i;
                String snapshot = snapshots.get(i);
                Callable<CommitResult> commit = () -> {
                    start.await();
                    return repository.commit(run(runId, "job-plc", snapshot), "tech1", results(runId), true, "");
                };
                commits.add(clients.submit(commit));
                // Every run also retried at once by a second client: still one version each.
                commits.add(clients.submit(commit));
            }
            start.countDown();
            List<Integer> numbers = new ArrayList<>();
            for (Future<CommitResult> commit : commits) {
                numbers.add(commit.get().version().number());
            }
            assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(),
                    numbers.stream().distinct().sorted().toList());
        } finally {
            clients.shutdownNow();
        }
        List<Version> versions = repository.versions("plc-1");
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), versions.stream().map(Version::number).toList());
        assertEquals(20, versions.stream().map(Version::snapshotId).distinct().count());
    }

    @Test
    void auditEntriesAreKeptOnceByTheirHash() throws Exception {
        AuditEntry first = AuditEntry.create(1, Instant.parse("2026-03-01T08:00:00Z"), "tech1", AuditAction.LOGIN,
                "", "offline", AuditEntry.GENESIS_HASH);
        AuditEntry second = AuditEntry.create(2, Instant.parse("2026-03-01T08:01:00Z"), "tech1",
                AuditAction.JOB_STARTED, "job-plc", "", first.hash());
        assertEquals(new AuditAck(2, 0), repository.storeAudit("tech1", List.of(first, second)));
        assertEquals(new AuditAck(0, 2), repository.storeAudit("tech1", List.of(first, second)));
    }

    @Test
    void anEntryKeepsItsOwnUserAndRecordsItsUploaderApart() throws Exception {
        // A shared laptop: tech2 uploads the trail that holds tech1's entry.
        AuditEntry first = AuditEntry.create(1, Instant.parse("2026-03-01T08:00:00Z"), "tech1", AuditAction.LOGIN,
                "", "offline", AuditEntry.GENESIS_HASH);
        repository.storeAudit("tech2", List.of(first));
        assertEquals(List.of("tech1 uploaded by tech2"), repository.read(connection -> Jdbc.list(connection,
                "SELECT user_name, uploaded_by FROM audit", row -> row.getString(1) + " uploaded by " + row.getString(2))));
    }

    @Test
    void aBrokenChainIsRefusedWholeNamingTheEntry() throws Exception {
        Instant time = Instant.parse("2026-03-01T08:00:00Z");
        AuditEntry first = AuditEntry.create(1, time, "tech1", AuditAction.LOGIN, "", "", AuditEntry.GENESIS_HASH);
        AuditEntry second = AuditEntry.create(2, time, "tech1", AuditAction.JOB_STARTED, "job-plc", "", first.hash());
        AuditEntry third = AuditEntry.create(3, time, "tech1", AuditAction.JOB_FINISHED, "job-plc", "", second.hash());
        ServerException gap = assertThrows(ServerException.class,
                () -> repository.storeAudit("tech1", List.of(first, third)));
        assertEquals(Kind.BAD_REQUEST, gap.kind());
        assertTrue(gap.getMessage().startsWith("audit entry 3 (" + third.hash()), gap.getMessage());
        assertTrue(gap.getMessage().contains("missing"), gap.getMessage());
        assertEquals(new AuditAck(2, 0), repository.storeAudit("tech1", List.of(first, second)),
                "nothing of the refused batch was kept");
        AuditEntry otherSecond = AuditEntry.create(2, time, "tech1", AuditAction.LOGOUT, "", "", first.hash());
        ServerException fork = assertThrows(ServerException.class,
                () -> repository.storeAudit("tech1", List.of(otherSecond)));
        assertTrue(fork.getMessage().contains("forks the trail"), fork.getMessage());
        AuditEntry wrongSequence = AuditEntry.create(5, time, "tech1", AuditAction.LOGOUT, "", "", second.hash());
        assertThrows(ServerException.class, () -> repository.storeAudit("tech1", List.of(wrongSequence)));
        assertEquals(new AuditAck(1, 2), repository.storeAudit("tech1", List.of(first, second, third)));
    }

    @Test
    void theLatestBackupIsTheLatestCommittedAndTheClockSkewIsKept() throws Exception {
        addTechnicians();
        repository.importDefinitions(plant());
        String future = snapshot(repository.store(), "dated ahead");
        String later = snapshot(repository.store(), "committed later");
        Run ahead = run("run-1", "job-plc", future);
        repository.commit(new Run(ahead.id(), ahead.jobId(), ahead.start().plus(Duration.ofHours(20)),
                ahead.end().plus(Duration.ofHours(20)), 1, ahead.outcome(), null, future, ahead.serverVersionResult(),
                ahead.previousBackupResult(), List.of()), "tech1", Duration.ofHours(20), results("run-1"), false, null);
        clock.advance(Duration.ofMinutes(5));
        repository.commit(run("run-2", "job-plc", later), "tech1", Duration.ofSeconds(-3), results("run-2"), false,
                null);
        assertEquals(Optional.of(later), repository.latestBackupSnapshot("plc-1"));
        assertEquals(Optional.of(Duration.ofHours(20)), repository.clockSkew("run-1"));
        assertEquals(Optional.of(Duration.ofSeconds(-3)), repository.clockSkew("run-2"));
        repository.commit(run("run-3", "job-plc", null), "tech1", results("run-3"), false, null);
        assertEquals(Optional.empty(), repository.clockSkew("run-3"), "an older laptop does not say");
    }

    @Test
    void migrationsRunOnceAndReopeningKeepsTheData() throws Exception {
        repository.addUser("admin", Role.ADMIN, "admin password".toCharArray());
        assertEquals(Schema.MIGRATIONS.stream().map(Schema.Migration::version).toList(), repository.appliedSchemaVersions());
        repository.deactivate();

        repository = H2ServerRepository.open(settings, clock);
        assertEquals(Schema.MIGRATIONS.stream().map(Schema.Migration::version).toList(), repository.appliedSchemaVersions());
        assertEquals(List.of(ADMIN), repository.users());
        assertEquals(Optional.of(ADMIN), repository.checkPassword("admin", "admin password".toCharArray()));
    }

    private void addTechnicians() throws ServerException {
        repository.addUser("tech1", Role.TECHNICIAN, "pw1".toCharArray());
        repository.addUser("tech2", Role.TECHNICIAN, "pw2".toCharArray());
    }

    private void assertRefused(String message, AdminImport definitions) {
        ServerException refused = assertThrows(ServerException.class, () -> repository.importDefinitions(definitions));
        assertEquals(Kind.BAD_REQUEST, refused.kind());
        assertEquals(message, refused.getMessage());
    }

    private static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }

    private Connection rawConnection() throws Exception {
        return ServerFixtures.connectDirectly(settings);
    }
}
