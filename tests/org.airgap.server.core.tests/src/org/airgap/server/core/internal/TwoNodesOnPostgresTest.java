package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.T0;
import static org.airgap.server.core.internal.ServerFixtures.plant;
import static org.airgap.server.core.internal.ServerFixtures.results;
import static org.airgap.server.core.internal.ServerFixtures.run;
import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.airgap.server.core.internal.ServerFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.airgap.model.Version;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerSettings;
import org.airgap.testing.PostgresCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server nodes on one PostgreSQL database: two repositories of their own (each with its own
 * in-process locks), started at the same time, committing versions of the same component from several
 * threads each. Only the database's row lock keeps the numbering whole. The nodes share the data
 * directory's content store, as nodes share one store. Runs in the PostgreSQL run of this bundle (pom.xml);
 * H2's embedded file is opened by one process only.
 */
class TwoNodesOnPostgresTest {

    private static final int THREADS_PER_NODE = 3;
    private static final int RUNS_PER_THREAD = 8;

    @TempDir
    Path dir;

    private H2ServerRepository nodeA;
    private H2ServerRepository nodeB;
    private ExecutorService threads;

    @BeforeEach
    void startBothNodesAtOnce() throws Exception {
        assumeTrue(PostgresCluster.selected(), "two processes on one database: the PostgreSQL run");
        ServerSettings settings = settings(dir.resolve("data"));
        threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
        // Both migrate the empty database at once: one under the advisory lock, the other finds it done.
        CountDownLatch start = new CountDownLatch(1);
        Callable<H2ServerRepository> open = () -> {
            start.await();
            return H2ServerRepository.open(settings, new ServerFixtures.MovableClock(T0));
        };
        Future<H2ServerRepository> a = threads.submit(open);
        Future<H2ServerRepository> b = threads.submit(open);
        start.countDown();
        nodeA = a.get(60, TimeUnit.SECONDS);
        nodeB = b.get(60, TimeUnit.SECONDS);
        assertEquals(Schema.MIGRATIONS.stream().map(Schema.Migration::version).toList(), nodeB.appliedSchemaVersions());
        nodeA.addUser("tech1", Role.TECHNICIAN, "pw1".toCharArray());
        nodeA.addUser("tech2", Role.TECHNICIAN, "pw2".toCharArray());
        nodeB.importDefinitions(plant());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (threads != null) {
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (nodeA != null) {
            nodeA.deactivate();
        }
        if (nodeB != null) {
            nodeB.deactivate();
        }
    }

    @Test
    void concurrentCommitsOnTwoNodesNumberVersionsWithoutGapsOrDuplicates() throws Exception {
        String snapshot = snapshot(nodeA.store(), "program");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<CommitResult>>> commits = new ArrayList<>();
        for (int thread = 0; thread < 2 * THREADS_PER_NODE; thread++) {
            H2ServerRepository node = thread % 2 == 0 ? nodeA : nodeB;
            int first = thread * RUNS_PER_THREAD;
            commits.add(threads.submit(() -> {
                go.await();
                List<CommitResult> committed = new ArrayList<>();
                for (int i = first; i < first + RUNS_PER_THREAD; i++) {
                    committed.add(node.commit(run("run-" + i, "job-plc", snapshot), "tech1", results("run-" + i), true,
                            "automatic"));
                }
                return committed;
            }));
        }
        go.countDown();
        Set<Integer> numbers = new HashSet<>();
        for (Future<List<CommitResult>> future : commits) {
            for (CommitResult result : future.get(120, TimeUnit.SECONDS)) {
                assertTrue(result.versionCreated(), result.runId());
                assertTrue(numbers.add(result.version().number()), "version " + result.version().number() + " twice");
            }
        }
        int total = 2 * THREADS_PER_NODE * RUNS_PER_THREAD;
        List<Integer> expected = IntStream.rangeClosed(1, total).boxed().toList();
        assertEquals(expected, nodeA.versions("plc-1").stream().map(Version::number).toList(), "no gap, no duplicate");
        assertEquals(expected, nodeB.versions("plc-1").stream().map(Version::number).toList());
        assertEquals(Set.copyOf(expected), numbers);
    }

    @Test
    void theSameRunCommittedOnBothNodesAtOnceIsOneVersionAndBothAnswerIt() throws Exception {
        String snapshot = snapshot(nodeA.store(), "program");
        nodeA.commit(run("run-0", "job-plc", snapshot), "tech1", results("run-0"), true, "automatic");
        for (int i = 1; i <= 10; i++) {
            String id = "run-" + i;
            CountDownLatch go = new CountDownLatch(1);
            Callable<CommitResult> onA = () -> {
                go.await();
                return nodeA.commit(run(id, "job-plc", snapshot), "tech1", results(id), true, "automatic");
            };
            Callable<CommitResult> onB = () -> {
                go.await();
                return nodeB.commit(run(id, "job-plc", snapshot), "tech1", results(id), true, "automatic");
            };
            Future<CommitResult> a = threads.submit(onA);
            Future<CommitResult> b = threads.submit(onB);
            go.countDown();
            CommitResult fromA = a.get(60, TimeUnit.SECONDS);
            assertEquals(fromA, b.get(60, TimeUnit.SECONDS), "a retried commit answers the stored result");
            assertEquals(i + 1, fromA.version().number());
        }
        // Again later, on the other node: the stored result, no new version.
        CommitResult again = nodeB.commit(run("run-0", "job-plc", snapshot), "tech1", results("run-0"), true,
                "automatic");
        assertEquals(1, again.version().number());
        assertEquals(11, nodeA.versions("plc-1").size());
        assertEquals(IntStream.rangeClosed(1, 11).boxed().toList(),
                nodeB.versions("plc-1").stream().map(Version::number).toList());
    }
}
