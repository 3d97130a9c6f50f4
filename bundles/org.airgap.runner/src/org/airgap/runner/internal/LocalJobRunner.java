package org.airgap.runner.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

import org.airgap.compare.CompareEngine;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.Parameters;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.IdentityCheck;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunMessage.Level;
import org.airgap.model.RunOutcome;
import org.airgap.runner.JobRunner;
import org.airgap.store.ContentStore;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.workspace.JobRepository;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@link JobRunner} on the workspace's repository, the registered drivers and the compare engine. */
@org.osgi.service.component.annotations.Component(service = JobRunner.class)
public class LocalJobRunner implements JobRunner {

    @Reference
    private JobRepository repository;

    @Reference
    private CompareEngine compare;

    private final Map<String, DeviceDriver> drivers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(DeviceDriver driver, Map<String, Object> properties) {
        drivers.put(String.valueOf(properties.get(DeviceDriver.ID)), driver);
    }

    void removeDriver(DeviceDriver driver, Map<String, Object> properties) {
        drivers.remove(String.valueOf(properties.get(DeviceDriver.ID)), driver);
    }

    /** For tests outside OSGi. */
    LocalJobRunner(JobRepository repository, CompareEngine compare) {
        this.repository = repository;
        this.compare = compare;
    }

    public LocalJobRunner() {
    }

    @Override
    public Run run(String jobId, String user, DriverProgress progress) throws IOException {
        Job job = repository.job(jobId).orElseThrow(() -> new IOException("Job " + jobId
                + " is not in this workspace: sync with the server to get the jobs assigned to you."));
        Run run = repository.startRun(jobId, user);
        RunLog log = new RunLog(PacedProgress.of(progress, job.options()));
        JobSetup setup = JobSetup.of(job, repository.synced(), drivers::get);
        if (!setup.runnable()) {
            setup.problems().forEach(log::error);
            return finish(run, RunOutcome.FAILED, 0, DeviceIdentity.UNKNOWN, null, log, user, job);
        }
        DeviceDriver driver = setup.driver();
        Map<String, String> parameters = setup.parameters();
        log.info("Backing up " + setup.component().name() + " with " + setup.component().deviceType() + " "
                + new Parameters(driver.parameters(), parameters).redacted());
        if (job.options().gentle()) {
            log.info("Gentle mode for a fragile device: " + log.progress.pacing() + ".");
        }
        return attempt(job, run, driver, parameters, log, user);
    }

    private Run attempt(Job job, Run run, DeviceDriver driver, Map<String, String> parameters, RunLog log, String user)
            throws IOException {
        ContentStore store = repository.store();
        DeviceIdentity identity = DeviceIdentity.UNKNOWN;
        int maxAttempts = job.options().maxAttempts();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (log.progress.isCancelled()) {
                log.warning("Cancelled before attempt " + attempt + ".");
                return finish(run, RunOutcome.CANCELLED, attempt - 1, identity, null, log, user, job);
            }
            DriverResult result;
            Snapshot snapshot = null;
            // Held from the commit until finishRun has recorded the run: a prune (after a sync) must not remove
            // the snapshot in between, which it may when the backup is identical to an uploaded one.
            Lock finishing = repository.finishingLock();
            boolean finishingHeld = false;
            try {
                try (SnapshotWriter writer = store.newSnapshot()) {
                    result = driver.backup(parameters, writer, log.progress);
                    if (result.ok()) {
                        finishing.lock();
                        finishingHeld = true;
                        snapshot = writer.commit();
                    }
                } catch (RuntimeException e) {
                    // A driver bug must not take the run down with it: report it like a device problem.
                    result = DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.PROTOCOL_ERROR,
                            "The driver failed: " + e);
                }
                identity = result.identity() == DeviceIdentity.UNKNOWN ? identity : result.identity();
                if (snapshot != null) {
                    log.info("Attempt " + attempt + ": " + snapshot.manifest().entries().size() + " entries, "
                            + snapshot.manifest().totalSize() + " bytes, snapshot " + snapshot.id());
                    return finish(run, RunOutcome.SUCCEEDED, attempt, identity, snapshot, log, user, job);
                }
            } finally {
                if (finishingHeld) {
                    finishing.unlock();
                }
            }
            for (DeviceProblem problem : result.problems()) {
                log.error("Attempt " + attempt + ": " + problem.message());
            }
            boolean cancelled = result.problems().stream()
                    .anyMatch(p -> p.kind() == ProblemKind.CANCELLED);
            if (cancelled) {
                return finish(run, RunOutcome.CANCELLED, attempt, identity, null, log, user, job);
            }
            boolean retryable = result.problems().stream().allMatch(p -> p.kind().retryable());
            if (!retryable || attempt == maxAttempts) {
                return finish(run, RunOutcome.FAILED, attempt, identity, null, log, user, job);
            }
            repository.saveRun(running(run, attempt, identity, log));
            log.info("Waiting " + job.options().pauseBetweenAttempts().toSeconds() + " s before attempt " + (attempt + 1));
            if (!pause(job.options().pauseBetweenAttempts(), log.progress)) {
                log.warning("Cancelled while waiting for the next attempt.");
                return finish(run, RunOutcome.CANCELLED, attempt, identity, null, log, user, job);
            }
        }
        throw new IllegalStateException("unreachable: the last attempt finishes the run");
    }

    /** Sleeps, waking every 100 ms to notice a cancel; false when cancelled. */
    private static boolean pause(Duration pause, DriverProgress progress) {
        long end = System.nanoTime() + pause.toNanos();
        while (System.nanoTime() < end) {
            if (progress.isCancelled()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !progress.isCancelled();
    }

    private static Run running(Run run, int attempts, DeviceIdentity identity, RunLog log) {
        return new Run(run.id(), run.jobId(), run.start(), null, attempts, RunOutcome.RUNNING, identity, null,
                run.serverVersionResult(), run.previousBackupResult(), log.messages);
    }

    private Run finish(Run run, RunOutcome outcome, int attempts, DeviceIdentity identity, Snapshot snapshot, RunLog log,
            String user, Job job) throws IOException {
        CompareResult server = CompareResult.ERROR;
        CompareResult previous = CompareResult.ERROR;
        if (snapshot != null) {
            server = compareWith(repository.serverVersionSnapshot(job.componentId()).orElse(null), snapshot, job,
                    "the server version", log);
            previous = compareWith(repository.previousBackupSnapshot(run).orElse(null), snapshot, job,
                    "the previous backup", log);
        }
        IdentityCheck identityCheck = IdentityGuard.check(repository, job, run, identity);
        if (identityCheck != null) {
            String text = IdentityGuard.logText(identityCheck, job, snapshot != null);
            if (identityCheck.allowsAutomaticVersion()) {
                log.info(text);
            } else {
                log.warning(text);
            }
        }
        Run finished = new Run(run.id(), run.jobId(), run.start(), Instant.now(), attempts, outcome, identity,
                snapshot == null ? null : snapshot.id(), server, previous, log.messages, identityCheck);
        return repository.finishRun(finished, user);
    }

    private CompareResult compareWith(String basisId, Snapshot backup, Job job, String basisName, RunLog log) {
        List<Exception> failures = new ArrayList<>(1);
        CompareResult result = compare.compareWithBasis(repository.store(), basisId, backup.manifest(),
                job.options().ignoreRules(), failures::add);
        if (!failures.isEmpty()) {
            log.error("Could not compare with " + basisName + ": " + failures.get(0).getMessage());
        } else {
            log.info("Compared with " + basisName + ": " + result.label() + (basisId == null ? " (there is none)" : "")
                    + ".");
        }
        return result;
    }

    /** The run's messages, also shown live through the progress. */
    private static final class RunLog {
        final DriverProgress progress;
        final List<RunMessage> messages = new ArrayList<>();

        RunLog(DriverProgress progress) {
            this.progress = progress;
        }

        void info(String text) {
            add(Level.INFO, text);
        }

        void warning(String text) {
            add(Level.WARNING, text);
        }

        void error(String text) {
            add(Level.ERROR, text);
        }

        private void add(Level level, String text) {
            messages.add(new RunMessage(Instant.now(), level, text));
            progress.log(text);
        }
    }
}
