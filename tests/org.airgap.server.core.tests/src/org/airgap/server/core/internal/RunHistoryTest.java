package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.T0;
import static org.airgap.server.core.internal.ServerFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.CommitResult;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.RunQuery;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.testing.PostgresCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator's run list and run detail on a real H2 file: filters, order, pages, scope, backfill. */
class RunHistoryTest {

    @TempDir
    Path dir;
    private H2ServerRepository repository;

    @BeforeEach
    void open() throws Exception {
        repository = ServerFixtures.openWithPlant(dir.resolve("data"), Instant.parse("2026-03-02T10:00:00Z"));
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    /** A run started {@code minutes} after T0 by the laptop's clock. */
    private static Run run(String id, String jobId, int minutes, RunOutcome outcome, String snapshotId) {
        Instant start = T0.plus(Duration.ofMinutes(minutes));
        return new Run(id, jobId, start, start.plusSeconds(20), 2, outcome, null, snapshotId, CompareResult.DIFFERENT,
                CompareResult.NOT_AVAILABLE, List.of(new RunMessage(start, RunMessage.Level.INFO, "attempt 1 failed"),
                        new RunMessage(start.plusSeconds(10), RunMessage.Level.INFO, "attempt 2 read 1 file")));
    }

    private void commit(Run run, String user, Duration skew, boolean version) throws ServerException {
        repository.commit(run, user, skew, new CommitResult(run.id(), CompareResult.DIFFERENT,
                CompareResult.EQUAL, null, false), version, version ? "automatic version from run " + run.id() : null);
    }

    /** plc runs by tech1 at 0, 10, 20 … min; robot runs by tech2 in between; every third one failed. */
    private void commitMany(int count) throws Exception {
        String snapshot = snapshot(repository.store(), "program");
        for (int i = 0; i < count; i++) {
            boolean plc = i % 2 == 0;
            RunOutcome outcome = i % 3 == 2 ? RunOutcome.FAILED : RunOutcome.SUCCEEDED;
            commit(run("run-" + (100 + i), plc ? "job-plc" : "job-robot", 5 * i, outcome,
                    outcome == RunOutcome.FAILED ? null : snapshot), plc ? "tech1" : "tech2", null, false);
        }
    }

    private static List<String> ids(AdminRunPage page) {
        return page.runs().stream().map(AdminRun::id).toList();
    }

    private AdminRunPage page(String component, String job, String user, RunOutcome outcome, Instant from, Instant to,
            int limit, String after) throws ServerException {
        return repository.runs(new RunQuery(component, job, user, outcome, from, to, limit, after),
                AdminScope.EVERYTHING);
    }

    @Test
    void runsAreListedNewestBackupFirstAndFiltered() throws Exception {
        commitMany(9);
        assertEquals(List.of("run-108", "run-107", "run-106", "run-105", "run-104", "run-103", "run-102", "run-101",
                "run-100"), ids(repository.runs(RunQuery.all(50), AdminScope.EVERYTHING)));
        assertEquals(List.of("run-108", "run-106", "run-104", "run-102", "run-100"),
                ids(page("plc-1", null, null, null, null, null, 50, null)));
        assertEquals(List.of("run-107", "run-105", "run-103", "run-101"),
                ids(page(null, "job-robot", null, null, null, null, 50, null)));
        assertEquals(List.of("run-107", "run-105", "run-103", "run-101"),
                ids(page(null, null, "tech2", null, null, null, 50, null)));
        assertEquals(List.of("run-108", "run-105", "run-102"),
                ids(page(null, null, null, RunOutcome.FAILED, null, null, 50, null)));
        assertEquals(List.of("run-100"), ids(page("plc-1", null, "tech1", RunOutcome.SUCCEEDED, T0,
                T0.plus(Duration.ofMinutes(20)), 50, null)), "from is included, to is not; filters combine");
        assertEquals(List.of("run-104"), ids(page("plc-1", null, "tech1", RunOutcome.SUCCEEDED,
                T0.plus(Duration.ofMinutes(20)), T0.plus(Duration.ofMinutes(25)), 50, null)));
        assertEquals(List.of(), ids(page(null, null, "nobody", null, null, null, 50, null)));
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws Exception {
        commitMany(7);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            AdminRunPage page = page(null, null, null, null, null, null, 3, after);
            assertTrue(page.runs().size() <= 3);
            seen.addAll(ids(page));
            after = page.next();
            pages++;
        } while (after != null);
        assertEquals(3, pages);
        assertEquals(ids(repository.runs(RunQuery.all(50), AdminScope.EVERYTHING)), seen);
        assertNull(page(null, null, null, null, null, null, 7, null).next(), "a page that holds the rest has no next");

        ServerException unknown = assertThrows(ServerException.class,
                () -> page(null, null, null, null, null, null, 3, "no-such-run"));
        assertEquals(Kind.BAD_REQUEST, unknown.kind());
        assertThrows(IllegalArgumentException.class, () -> RunQuery.all(RunQuery.MAX_LIMIT + 1));
        assertThrows(IllegalArgumentException.class, () -> RunQuery.all(0));
    }

    @Test
    void aFolderScopedAdministratorSeesOnlyTheRunsOfTheirFolders() throws Exception {
        commitMany(4);
        assertEquals(List.of("run-102", "run-100"),
                ids(repository.runs(RunQuery.all(50), new AdminScope(Set.of("cell-1")))));
        assertEquals(List.of(), ids(repository.runs(RunQuery.all(50), new AdminScope(Set.of()))));
    }

    @Test
    void aRunsDetailHasItsLogAttemptsResultsClockSkewAndVersion() throws Exception {
        String snapshot = snapshot(repository.store(), "program v1");
        Run run = run("run-1", "job-plc", 0, RunOutcome.SUCCEEDED, snapshot);
        commit(run, "tech1", Duration.ofSeconds(-90), true);

        AdminRunDetail detail = repository.run("run-1").orElseThrow();
        assertEquals(run, detail.run(), "the run as uploaded, with its log");
        AdminRun summary = detail.summary();
        assertEquals(new AdminRun("run-1", "job-plc", "plc-1", "tech1", RunOutcome.SUCCEEDED, 2, run.start(), run.end(),
                run.start().plusSeconds(90), Instant.parse("2026-03-02T10:00:00Z"), snapshot, CompareResult.DIFFERENT,
                CompareResult.EQUAL, -90L, 1, null), summary);
        assertTrue(repository.run("run-2").isEmpty());
    }

    @Test
    void migrationSevenFillsTheOutcomeAndBackupTimeOfEarlierRuns() throws Exception {
        commit(run("run-1", "job-plc", 0, RunOutcome.CANCELLED, null), "tech1", Duration.ofSeconds(30), false);
        repository.read(connection -> {
            try (Statement sql = connection.createStatement()) {
                sql.execute("UPDATE runs SET outcome = NULL, backup_time = NULL");
                for (String statement : ServerFixtures.statements(Schema.MIGRATIONS.stream()
                        .filter(m -> m.version() == 7).findFirst().orElseThrow())) {
                    sql.execute(statement);
                }
            }
            return null;
        });
        AdminRun summary = repository.run("run-1").orElseThrow().summary();
        assertEquals(T0.minusSeconds(30), summary.backupTime());
        assertEquals(List.of("run-1"), ids(page(null, null, null, RunOutcome.CANCELLED, null, null, 5, null)));
    }

    /**
     * The list stays fast on a large table: for each filter alone and for a later page, H2 reads an index in
     * the page's order and stops after the page ("index sorted"), starting a later page at its cursor.
     */
    @Test
    void aPageIsReadFromAnIndexInOrder() throws Exception {
        assumeFalse(PostgresCluster.selected(), "H2's query plans (PostgreSQL plans a small table otherwise)");
        commitMany(3);
        Instant after = T0.plus(Duration.ofMinutes(5));
        for (RunQuery query : List.of(RunQuery.all(50), new RunQuery("plc-1", null, null, null, null, null, 50, null),
                new RunQuery(null, "job-plc", null, null, null, null, 50, null),
                new RunQuery(null, null, "tech1", null, null, null, 50, null),
                new RunQuery(null, null, null, RunOutcome.FAILED, null, null, 50, null),
                new RunQuery(null, null, "tech1", RunOutcome.FAILED, T0, null, 50, "run-101"))) {
            RunHistory.PageStatement statement = RunHistory.statement(query, AdminScope.EVERYTHING,
                    query.after() == null ? null : after);
            String plan = repository.read(connection -> Jdbc.first(connection, "EXPLAIN " + statement.sql(),
                    row -> row.getString(1), statement.parameters().toArray()).orElseThrow());
            assertTrue(plan.contains("index sorted"), query + ":\n" + plan);
            if (query.after() != null) {
                assertTrue(plan.contains("BACKUP_TIME <= "), "a later page starts at its cursor: " + plan);
            }
        }
    }
}
