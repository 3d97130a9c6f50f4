package org.airgap.server.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.Role;
import org.airgap.server.core.DatabaseSettings;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerSettings;
import org.airgap.store.ContentStore;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.MutableClock;
import org.airgap.testing.PostgresCluster;
import org.airgap.testing.S3ProxyServer;
import org.postgresql.ds.PGSimpleDataSource;

/** Settings, definitions and runs the server core tests share. */
final class ServerFixtures {

    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private ServerFixtures() {
    }

    /** PBKDF2 iterations of these tests: fewer than server.ini's minimum, so that hashing does not dominate them. */
    static final int ITERATIONS = 10_000;

    /**
     * The settings of a data directory; in the PostgreSQL run of these tests (pom.xml) the directory's
     * server.ini names a new database of the test cluster first ({@link PostgresCluster#useFor}).
     */
    static ServerSettings settings(Path dataDirectory, Duration idle, Duration max) {
        try {
            PostgresCluster.useFor(dataDirectory.toAbsolutePath());
            S3ProxyServer.useFor(dataDirectory.toAbsolutePath()); // the S3 run's bucket (pom.xml)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new ServerSettings(dataDirectory.toAbsolutePath(), "127.0.0.1", 8080, idle, max, ITERATIONS, 1L << 30);
    }

    static ServerSettings settings(Path dataDirectory) {
        return settings(dataDirectory, Duration.ofMinutes(120), Duration.ofHours(48));
    }

    /**
     * A repository on a new data directory under {@code dir}, its clock standing at {@code now}, with the
     * technicians tech1 and tech2 and the {@link #plant()}.
     */
    static H2ServerRepository openWithPlant(Path dir, Instant now) throws Exception {
        H2ServerRepository repository = H2ServerRepository.open(settings(dir), new MovableClock(now));
        repository.addUser("tech1", Role.TECHNICIAN, "pw1".toCharArray());
        repository.addUser("tech2", Role.TECHNICIAN, "pw2".toCharArray());
        repository.importDefinitions(plant());
        return repository;
    }

    /** A plant with two cells, a PLC and a robot, a job for each; the PLC job for tech1, the robot job for tech2. */
    static AdminImport plant() {
        return new AdminImport(
                List.of(new Folder("plant", "Plant Nord", null), new Folder("cell-1", "Cell 1", "plant"),
                        new Folder("cell-2", "Cell 2", "plant")),
                List.of(new Component("plc-1", "PLC press", "cell-1", "modbus-tcp", Map.of("host", "10.0.0.7")),
                        new Component("robot-2", "Robot welder", "cell-2", "ftp", Map.of("host", "10.0.0.8"))),
                List.of(job("job-plc", "plc-1", "Back up PLC press"), job("job-robot", "robot-2", "Back up robot")),
                List.of(new Assignment("job-plc", "tech1"), new Assignment("job-robot", "tech2")));
    }

    static Job job(String id, String componentId, String name) {
        return new Job(id, componentId, name, Map.of(), JobOptions.defaults());
    }

    static Run run(String id, String jobId, String snapshotId) {
        return new Run(id, jobId, T0, T0.plusSeconds(30), 1, RunOutcome.SUCCEEDED, null, snapshotId,
                CompareResult.DIFFERENT, CompareResult.NOT_AVAILABLE, List.of());
    }

    static CommitResult results(String runId) {
        return new CommitResult(runId, CompareResult.DIFFERENT, CompareResult.NOT_AVAILABLE, null, false);
    }

    /** A stored snapshot with one file of the given content. */
    static String snapshot(ContentStore store, String content) throws IOException {
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("program.txt", T0, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
            return writer.commit().id();
        }
    }

    /**
     * A connection to the repository's database outside the repository, as someone with access to the
     * database could open one (while the repository is closed, for H2's file): H2's file or PostgreSQL's
     * database, whichever server.ini names.
     */
    static Connection connectDirectly(ServerSettings settings) throws Exception {
        Optional<DatabaseSettings> postgres = ServerIni.database(settings.dataDirectory());
        if (postgres.isPresent()) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(postgres.get().url());
            source.setUser(postgres.get().user());
            source.setPassword(new String(postgres.get().readPassword()));
            return source.getConnection();
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", RepositoryDatabase.H2_USER);
        credentials.setProperty("password", "");
        return new org.h2.Driver().connect(RepositoryDatabase.h2Url(settings.databaseFile()), credentials);
    }

    /** The statements of a migration as this run's database takes them. */
    static List<String> statements(Schema.Migration migration) {
        return PostgresCluster.selected() ? PostgresMigrations.statements(migration) : migration.statements();
    }

    /** A clock the test moves: the shared test clock under the name these tests use. */
    static final class MovableClock extends MutableClock {
        MovableClock(Instant start) {
            super(start);
        }
    }
}
