package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.audit.AuditTrail;
import org.airgap.model.Baseline;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.StoreKeys;
import org.airgap.workspace.AtomicFile;
import org.airgap.workspace.LaptopIdentity;
import org.airgap.workspace.PruneReport;
import org.airgap.workspace.RunSeal;
import org.airgap.workspace.SealedFiles;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeys;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The workspace folder (docs/formats.md, "Workspace"):
 *
 * <pre>
 * workspace.lock          OS lock + holder's PID
 * store/                  content-addressed snapshots (org.airgap.store)
 * synced/current          name of the generation folder in use, replaced atomically
 * synced/g-NNN/           folders.json, components.json, jobs.json, baselines.json of one sync
 * runs/RUN-ID.json        one file per run, replaced atomically at each change
 * runs/RUN-ID.sig         the run's signature by the laptop's key (LaptopSigning, RunSeals)
 * uploads/RUN-ID          a finished run waiting for the server's acknowledgement (holds the server's refusal, if any)
 * laptop-key.properties   the laptop's id and Ed25519 key pair, owner-only, sealed (RunSeals, SealedFiles)
 * pruned/SNAPSHOT-ID      a snapshot of an uploaded run removed by a prune (SnapshotPruner)
 * settings.properties     the technician's settings (WorkspaceSettings)
 * audit.jsonl             the hash-chained audit trail, its lines sealed once the workspace has a key
 * </pre>
 *
 * Ordering makes every state a crash can leave consistent: a snapshot is committed before a run names
 * it; a run is written finished before it is queued for upload; a sync's files are complete before
 * {@code synced/current} points at them.
 */
public final class LocalWorkspace implements Workspace {

    static final String INTERRUPTED = "Interrupted: Airgap stopped during this backup. Run the job again.";

    private final Path location;
    private final WorkspaceLock lock;
    private final ContentStore store;
    private final StoreKeys storeKeys;
    private final SealedJsonFiles json;
    private final RunRecords runRecords;
    /** Sealed and locked at open: the synced data and the runs' recovery wait for the unlock. Guarded by this. */
    private boolean recoveryPending;
    private final AuditTrail audit;
    private final Clock clock;
    private final List<String> recoveryNotes = new ArrayList<>();
    private final ReentrantReadWriteLock finishing = new ReentrantReadWriteLock();
    private volatile SyncedData synced;
    private final SealedFiles trustFiles;
    private final LaptopSigning signing;
    private final WorkspaceSealing sealing;

    private LocalWorkspace(Path location, WorkspaceLock lock, ContentStore store, StoreKeys storeKeys, AuditTrail audit,
            Clock clock) {
        this.location = location;
        this.lock = lock;
        this.store = store;
        this.storeKeys = storeKeys;
        this.json = new SealedJsonFiles(location, storeKeys);
        this.runRecords = new RunRecords(location, json);
        this.audit = audit;
        this.clock = clock;
        this.trustFiles = SealedFiles.of(location, storeKeys);
        this.signing = new LaptopSigning(location, audit, trustFiles);
        this.sealing = new WorkspaceSealing(location, storeKeys, store, json, audit);
    }

    public static LocalWorkspace open(Path location) throws IOException {
        return open(location, Clock.systemUTC());
    }

    static LocalWorkspace open(Path location, Clock clock) throws IOException {
        Path root = location.toAbsolutePath().normalize();
        Files.createDirectories(root);
        WorkspaceLock lock = WorkspaceLock.acquire(root);
        AuditTrail audit = null;
        try {
            for (String folder : List.of("synced", "runs", "uploads")) {
                Files.createDirectories(root.resolve(folder));
            }
            // Sealed once the workspace has key slots; locked until a login unlocks it.
            StoreKeys storeKeys = WorkspaceKeys.of(root).exists() ? StoreKeys.locked() : StoreKeys.plain();
            ContentStore store = ContentStores.open(root.resolve("store"), storeKeys);
            Path auditFile = root.resolve("audit.jsonl");
            audit = AuditTrail.open(auditFile, clock, new SealedAuditTrail(storeKeys, auditFile));
            LocalWorkspace workspace = new LocalWorkspace(root, lock, store, storeKeys, audit, clock);
            audit.recoveryWarning().ifPresent(workspace.recoveryNotes::add);
            workspace.recover();
            return workspace;
        } catch (IOException | RuntimeException e) {
            if (audit != null) {
                audit.close();
            }
            lock.close();
            throw e;
        }
    }

    /** Brings back what a crash can leave: unfinished runs, temporary files, a half-written sync. */
    private void recover() throws IOException {
        recoveryPending = storeKeys.sealed() && !storeKeys.unlocked();
        synced = recoveryPending ? SyncedData.NONE : readSynced();
        Optional<String> generation = currentGeneration();
        deleteGenerationsExcept(generation.orElse(""));
        // Where AtomicFile writes: the current generation too (its files are sealed in place by a migration),
        // the key slots and settings beside this folder, the sealing marker in the store.
        List<Path> folders = new ArrayList<>(List.of(location, location.resolve("store"), location.resolve("runs"),
                location.resolve("uploads"), location.resolve("synced")));
        generation.ifPresent(name -> folders.add(location.resolve("synced").resolve(name)));
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(AtomicFile::isLeftover).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        if (!recoveryPending) {
            recoverInterruptedRuns();
        }
        // A run queued for upload whose record is missing cannot be uploaded: drop the marker, say so.
        try (Stream<Path> markers = Files.list(location.resolve("uploads"))) {
            for (Path marker : markers.toList()) {
                String runId = marker.getFileName().toString();
                if (!RunRecords.isRunId(runId) || !Files.exists(runRecords.file(runId))) {
                    AtomicFile.delete(marker);
                    recoveryNotes.add("Upload marker " + marker.getFileName() + " named no run and was removed.");
                }
            }
        }
    }

    /** Marks every run still RUNNING (its process died) as failed. */
    private void recoverInterruptedRuns() throws IOException {
        for (Run run : runs()) {
            if (run.outcome() == RunOutcome.RUNNING) {
                List<RunMessage> messages = new ArrayList<>(run.messages());
                messages.add(new RunMessage(clock.instant(), RunMessage.Level.ERROR, INTERRUPTED));
                Run interrupted = new Run(run.id(), run.jobId(), run.start(), null, run.attempts(), RunOutcome.FAILED,
                        run.device(), run.snapshotId(), CompareResult.ERROR, CompareResult.ERROR, messages);
                runRecords.write(interrupted);
                recoveryNotes.add("Run " + run.id() + " of job " + run.jobId() + " was interrupted and is marked failed.");
            }
        }
    }

    @Override
    public Path location() {
        return location;
    }

    // ---- sync

    @Override
    public SyncedData synced() {
        return synced;
    }

    @Override
    public synchronized void replaceSynced(SyncedData data, String user) throws IOException {
        Path syncedFolder = location.resolve("synced");
        String generation = "g-" + clock.millis() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = syncedFolder.resolve(generation);
        Files.createDirectories(folder);
        json.write(folder.resolve("folders.json"), ModelJson.writeList(Folder.class, data.folders()));
        json.write(folder.resolve("components.json"), ModelJson.writeList(Component.class, data.components()));
        json.write(folder.resolve("jobs.json"), ModelJson.writeList(Job.class, data.jobs()));
        json.write(folder.resolve("baselines.json"), ModelJson.writeList(Baseline.class, data.baselines()));
        AtomicFile.syncFolder(syncedFolder);
        // The switch: one atomic rename makes the new sync the current one.
        AtomicFile.write(syncedFolder.resolve("current"), utf8(generation));
        synced = data;
        audit.append(user, AuditAction.SYNC, "workspace", data.jobs().size() + " jobs, " + data.components().size()
                + " components");
        deleteGenerationsExcept(generation);
    }

    private Optional<String> currentGeneration() throws IOException {
        Path current = location.resolve("synced").resolve("current");
        if (!Files.exists(current)) {
            return Optional.empty();
        }
        String name = Files.readString(current, StandardCharsets.UTF_8).trim();
        if (!name.matches("g-[0-9]+-[0-9a-f]{8}")) {
            throw new IOException(current + " names no sync generation ('" + name + "'): the workspace was edited by hand?");
        }
        return Optional.of(name);
    }

    private SyncedData readSynced() throws IOException {
        Optional<String> generation = currentGeneration();
        if (generation.isEmpty()) {
            return SyncedData.NONE;
        }
        Path folder = location.resolve("synced").resolve(generation.get());
        return new SyncedData(json.readList(Folder.class, folder.resolve("folders.json")),
                json.readList(Component.class, folder.resolve("components.json")),
                json.readList(Job.class, folder.resolve("jobs.json")),
                json.readList(Baseline.class, folder.resolve("baselines.json")));
    }

    /** Removes older sync generations (and half-written ones a crash left); keeps the current one. */
    private void deleteGenerationsExcept(String keep) throws IOException {
        try (Stream<Path> folders = Files.list(location.resolve("synced"))) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                if (!folder.getFileName().toString().equals(keep)) {
                    deleteTree(folder);
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public Optional<Job> job(String jobId) {
        return synced.jobs().stream().filter(job -> job.id().equals(jobId)).findFirst();
    }

    // ---- runs

    @Override
    public synchronized Run startRun(String jobId, String user) throws IOException {
        Job job = job(jobId).orElseThrow(() -> new IOException("Job " + jobId
                + " is not in this workspace: sync with the server to get the jobs assigned to you."));
        Run run = new Run(newRunId(), job.id(), clock.instant(), null, 0, RunOutcome.RUNNING, null, null,
                CompareResult.NOT_COMPARED, CompareResult.NOT_COMPARED, List.of());
        runRecords.write(run);
        audit.append(user, AuditAction.JOB_STARTED, job.id(), "run " + run.id());
        return run;
    }

    private String newRunId() {
        // Sortable by start time, unique without coordination with the server.
        return "r" + clock.millis() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void saveRun(Run run) throws IOException {
        Run stored = run(run.id()).orElseThrow(() -> new IOException("Run " + run.id() + " is not in this workspace"));
        if (stored.outcome() != RunOutcome.RUNNING) {
            throw new IllegalStateException("Run " + run.id() + " has ended (" + stored.outcome() + "); it cannot change");
        }
        if (run.outcome() != RunOutcome.RUNNING) {
            throw new IllegalArgumentException("Use finishRun to end run " + run.id());
        }
        runRecords.write(run);
    }

    @Override
    public synchronized Run finishRun(Run run, String user) throws IOException {
        if (!run.complete()) {
            throw new IllegalArgumentException("Run " + run.id() + " is not complete: it needs an end time and an outcome");
        }
        Run stored = run(run.id()).orElseThrow(() -> new IOException("Run " + run.id() + " is not in this workspace"));
        if (stored.outcome() != RunOutcome.RUNNING) {
            throw new IllegalStateException("Run " + run.id() + " has already ended (" + stored.outcome() + ")");
        }
        if (run.snapshotId() != null && !store.hasSnapshot(run.snapshotId())) {
            throw new IOException("Run " + run.id() + " names snapshot " + run.snapshotId()
                    + ", which is not in the store: commit the snapshot before finishing the run");
        }
        runRecords.write(run);
        AuditEntry finished = audit.append(user, AuditAction.JOB_FINISHED, run.jobId(), "run " + run.id() + " "
                + run.outcome() + (run.snapshotId() == null ? "" : " snapshot " + run.snapshotId())
                + (run.identityCheck() == null ? "" : " " + run.identityCheck().kind()));
        // Signed before it is queued: a queued run of a laptop with a key always has its signature.
        signing.signFinished(run, user, finished.hash());
        runRecords.queue(run.id());
        return run;
    }

    @Override
    public List<Run> runs() throws IOException {
        return runRecords.all();
    }

    @Override
    public Map<String, String> unreadableRuns(boolean waitingForUpload) throws IOException {
        return runRecords.unreadable(waitingForUpload);
    }

    @Override
    public Optional<Run> run(String runId) throws IOException {
        return runRecords.read(runId);
    }

    @Override
    public List<Run> pendingUploads() throws IOException {
        return runRecords.queued();
    }

    @Override
    public synchronized void uploaded(String runId, String user) throws IOException {
        runRecords.dequeue(runId);
        audit.append(user, AuditAction.UPLOAD, runId, "acknowledged by the server");
    }

    // ---- laptop key and run signatures (LaptopSigning)

    @Override
    public synchronized LaptopIdentity laptopIdentity(String user) throws IOException {
        return signing.identity(user, pendingUploads(), clock.instant());
    }

    @Override
    public Optional<RunSeal> runSeal(String runId) throws IOException {
        return signing.seal(runId);
    }

    @Override
    public synchronized void uploadRefused(String runId, String reason, String user) throws IOException {
        runRecords.refused(runId, reason);
        audit.append(user, AuditAction.UPLOAD, runId, "refused by the server: " + reason);
    }

    @Override
    public Optional<String> uploadRefusal(String runId) throws IOException {
        return runRecords.refusal(runId);
    }

    // ---- pruning

    @Override
    public PruneReport pruneUploadedSnapshots(String user, IProgressMonitor monitor) throws IOException {
        // Taken before this object's monitor: a runner holding the lock takes the monitor in finishRun.
        finishing.writeLock().lock();
        try {
            synchronized (this) {
                return new SnapshotPruner(this, storeKeys).prune(user, monitor);
            }
        } finally {
            finishing.writeLock().unlock();
        }
    }

    @Override
    public Lock finishingLock() {
        return finishing.readLock();
    }

    @Override
    public boolean snapshotPruned(String snapshotId) {
        return new SnapshotPruner(this, storeKeys).pruned(snapshotId);
    }

    // ---- encryption at rest (WorkspaceSealing, SealedFiles, docs/formats.md "Key slots")

    @Override
    public synchronized byte[] createDataKey(String user, char[] password) throws IOException {
        return sealing.createDataKey(user, password);
    }

    @Override
    public synchronized void unlock(byte[] dataKey) throws IOException {
        Optional<String> generation = currentGeneration();
        sealing.unlock(dataKey, generation.map(name -> location.resolve("synced").resolve(name)));
        trustFiles.sealPlainTrustFiles(dataKey);
        json.refusePlain(); // everything is sealed now: a plain synced file or run was planted
        synced = readSynced();
        if (recoveryPending) {
            recoveryPending = false;
            recoverInterruptedRuns();
        }
    }

    @Override
    public synchronized void lock() {
        storeKeys.lock();
        if (storeKeys.sealed()) {
            synced = SyncedData.NONE; // the device credentials leave memory with the key
        }
    }

    @Override
    public boolean unlocked() {
        return storeKeys.unlocked();
    }

    @Override
    public SealedFiles sealedFiles() {
        return trustFiles;
    }

    @Override
    public ContentStore store() {
        return store;
    }

    @Override
    public AuditTrail audit() {
        return audit;
    }

    @Override
    public List<String> recoveryNotes() {
        return List.copyOf(recoveryNotes);
    }

    Instant now() {
        return clock.instant();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            audit.close();
        } finally {
            lock.close();
        }
    }
}
