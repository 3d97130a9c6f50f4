package org.airgap.runner.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterType;
import org.airgap.driver.api.Parameters;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.DeviceIdentity;
import org.airgap.runner.check.ConnectionResult;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Connection tests of several jobs, a bounded number at once on threads of their own, while the calling
 * thread alone talks to the progress monitor: it collects the results, notices a cancel (the drivers still
 * running are told to stop and their jobs end CANCELLED) and gives up on a driver that overruns its job's
 * timeout (three times the timeout parameter plus 5 s, as connecting, logging in and reading the identity
 * may each take one; TIMEOUT).
 */
final class ConnectionTests {

    /** How long a driver without a timeout parameter may take. */
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);
    private static final String TIMEOUT = "timeout";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ConnectionTests() {
    }

    /** One test in flight: its driver's progress (for the cancel), when it started, how long it may take. */
    private static final class Pending {
        final JobSetup setup;
        final Duration limit;
        final CancellableProgress progress = new CancellableProgress();
        volatile long startNanos;

        Pending(JobSetup setup) {
            this.setup = setup;
            this.limit = limit(setup);
        }

        ConnectionResult test() {
            startNanos = System.nanoTime();
            DriverResult result;
            try {
                result = setup.driver().testConnection(setup.parameters(), progress);
            } catch (RuntimeException e) {
                // A driver bug must not take the other tests down: report it like a device problem.
                result = DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.PROTOCOL_ERROR,
                        "The driver failed: " + e);
            }
            return result(setup, result, elapsed());
        }

        Duration elapsed() {
            return startNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
        }

        boolean overdue() {
            return startNanos != 0 && elapsed().compareTo(limit) > 0;
        }
    }

    /** The results in the order of {@code setups}. */
    static List<ConnectionResult> run(List<JobSetup> setups, int parallel, IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, "Testing the connections of " + setups.size() + " jobs",
                setups.size());
        Map<JobSetup, ConnectionResult> results = new LinkedHashMap<>();
        Map<Future<ConnectionResult>, Pending> pending = new LinkedHashMap<>();
        List<JobSetup> runnable = setups.stream().filter(JobSetup::runnable).toList();
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, runnable.size())),
                task -> {
                    Thread thread = new Thread(task, "airgap-connection-test-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            CompletionService<ConnectionResult> completion = new ExecutorCompletionService<>(threads);
            for (JobSetup setup : setups) {
                if (setup.runnable()) {
                    Pending test = new Pending(setup);
                    pending.put(completion.submit(test::test), test);
                } else {
                    results.put(setup, new ConnectionResult(setup.job().id(), setup.job().name(), false, null, null,
                            ConnectionResult.CANNOT_RUN, String.join(" ", setup.problems())));
                    progress.worked(1);
                }
            }
            while (!pending.isEmpty()) {
                Future<ConnectionResult> done = completion.poll(100, TimeUnit.MILLISECONDS);
                Pending finished = done == null ? null : pending.remove(done);
                if (finished != null) {
                    ConnectionResult result = done.get();
                    results.put(finished.setup, result);
                    progress.subTask(result.jobName() + ": " + (result.reachable() ? "reachable" : result.problemKind()));
                    progress.worked(1);
                }
                if (progress.isCanceled()) {
                    pending.forEach((future, test) -> results.put(test.setup, stopped(test, future, ProblemKind.CANCELLED,
                            "Cancelled by the technician.")));
                    pending.clear();
                }
                pending.entrySet().removeIf(entry -> {
                    Pending test = entry.getValue();
                    if (!test.overdue()) {
                        return false;
                    }
                    results.put(test.setup, stopped(test, entry.getKey(), ProblemKind.TIMEOUT, "The driver did not "
                            + "finish the test within " + test.limit.toSeconds() + " s; check the device and the job's "
                            + "timeout."));
                    progress.worked(1);
                    return true;
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.forEach((future, test) -> results.put(test.setup, stopped(test, future, ProblemKind.CANCELLED,
                    "Interrupted.")));
        } catch (ExecutionException e) {
            throw new IllegalStateException("a connection test failed outside its driver", e.getCause());
        } finally {
            threads.shutdownNow();
        }
        return setups.stream().map(results::get).toList();
    }

    private static ConnectionResult stopped(Pending test, Future<ConnectionResult> future, ProblemKind kind,
            String message) {
        test.progress.cancel();
        future.cancel(true);
        return new ConnectionResult(test.setup.job().id(), test.setup.job().name(), false, null, test.elapsed(),
                kind.name(), message);
    }

    static ConnectionResult result(JobSetup setup, DriverResult result, Duration took) {
        if (result.ok()) {
            return new ConnectionResult(setup.job().id(), setup.job().name(), true, result.identity(), took, null,
                    null);
        }
        return new ConnectionResult(setup.job().id(), setup.job().name(), false, result.identity(), took,
                result.problems().get(0).kind().name(),
                result.problems().stream().map(DeviceProblem::message).collect(Collectors.joining(" ")));
    }

    /** Three times the job's timeout plus 5 s; {@link #DEFAULT_LIMIT} when its driver has no timeout. */
    static Duration limit(JobSetup setup) {
        List<ParameterDescriptor> descriptors = setup.driver().parameters();
        boolean hasTimeout = descriptors.stream()
                .anyMatch(d -> d.name().equals(TIMEOUT) && d.type() == ParameterType.DURATION);
        Parameters values = new Parameters(descriptors, setup.parameters());
        if (!hasTimeout || values.raw(TIMEOUT) == null) {
            return DEFAULT_LIMIT;
        }
        return values.duration(TIMEOUT).multipliedBy(3).plusSeconds(5);
    }

    /** A driver's progress that reports nowhere (a test reads nothing worth showing) and can be cancelled. */
    private static final class CancellableProgress implements DriverProgress {
        private volatile boolean cancelled;

        void cancel() {
            cancelled = true;
        }

        @Override
        public void begin(long totalWork, String unit) {
        }

        @Override
        public void worked(long work, String currentItem) {
        }

        @Override
        public void log(String message) {
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
