package org.airgap.sync.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.airgap.audit.AuditEntry;
import org.airgap.model.Baseline;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.protocol.Api;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.AuditUpload;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.RunSignature;
import org.airgap.protocol.UploadPlan;
import org.airgap.protocol.UploadRequest;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.airgap.session.http.ServerCallException;
import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.sync.PullReport;
import org.airgap.sync.PushReport;
import org.airgap.sync.RemovedJob;
import org.airgap.sync.RunUpload;
import org.airgap.sync.SyncException;
import org.airgap.sync.SyncService;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.PruneReport;
import org.airgap.workspace.SyncedData;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/** Pull and push between a workspace and the server of an online session; one sync at a time. */
public class ServerSync implements SyncService {

    /** Audit entries per request, far below the server's JSON limit. */
    static final int AUDIT_BATCH = 2000;
    /** The server compares the run with its versions before it answers a commit. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofMinutes(5);
    private static final int KIB = 1024;
    /** The server refuses a run as it is (its laptop signature): the run stays queued, the push goes on. */
    private static final int UNPROCESSABLE = 422;
    /** The server refuses the laptop's key registration (a revoked laptop). */
    private static final int CONFLICT = 409;
    /** The most offline logins one sync asks about (the server's limit). */
    static final int MAX_OFFLINE_USERS = 200;

    private final JobRepository repository;
    private final SessionService sessions;

    public ServerSync(JobRepository repository, SessionService sessions) {
        this.repository = repository;
        this.sessions = sessions;
    }

    // ---- pull

    @Override
    public synchronized PullReport pull(ClientSession session, IProgressMonitor monitor) throws IOException {
        ServerCalls calls = new ServerCalls(sessions, session);
        LaptopKeyRegistration.register(calls, repository);
        SubMonitor progress = SubMonitor.convert(monitor, "Pulling jobs and baselines from " + session.server(), 100);
        PullResponse pulled = SignedPull.fetch(calls, sessions, offlineUsersQuery());
        progress.worked(5);
        ContentStore store = repository.store();
        List<String> missing = new ArrayList<>();
        for (String id : baselineSnapshots(pulled.baselines())) {
            if (!store.hasSnapshot(id)) {
                missing.add(id);
            }
        }
        // Manifests first (small), so that the blob bytes to come are known for the progress.
        long transferStart = System.nanoTime();
        List<Manifest> manifests = new ArrayList<>();
        SubMonitor manifestProgress = progress.split(10).setWorkRemaining(Math.max(1, missing.size()));
        for (String id : missing) {
            checkCanceled(progress);
            manifests.add(fetchManifest(calls, id));
            manifestProgress.worked(1);
        }
        Set<String> blobs = new LinkedHashSet<>();
        long blobBytes = 0;
        for (Manifest manifest : manifests) {
            for (var entry : manifest.entries()) {
                if (entry.sha256() != null && !store.hasBlob(entry.sha256()) && blobs.add(entry.sha256())) {
                    blobBytes += entry.size();
                }
            }
        }
        SubMonitor blobProgress = progress.split(80).setWorkRemaining((int) Math.max(1, blobBytes / KIB));
        long bytesFetched = 0;
        for (String sha256 : blobs) {
            checkCanceled(progress);
            blobProgress.subTask("blob " + sha256.substring(0, 12));
            bytesFetched += fetchBlob(calls, store, sha256, blobProgress);
        }
        Duration transfer = missing.isEmpty() ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - transferStart);
        for (int i = 0; i < manifests.size(); i++) {
            Snapshot stored = store.putManifest(manifests.get(i));
            if (!stored.id().equals(missing.get(i))) {
                throw new SyncException(200, "the server sent manifest " + missing.get(i)
                        + " in a form whose snapshot id is " + stored.id() + ": nothing synced", null);
            }
        }
        checkCanceled(progress);
        List<RemovedJob> removed = removedJobs(pulled, session.user());
        repository.replaceSynced(new SyncedData(pulled.folders(), pulled.components(), pulled.jobs(),
                pulled.baselines()), session.user());
        RemovedJobsFile.of(repository.location()).update(removed, pulled.jobs().stream().map(Job::id)
                .collect(Collectors.toSet()));
        if (pulled.signedVerifier() != null) {
            sessions.storeSignedOfflineLogin(pulled.signedVerifier());
        }
        List<String> offlineLoginsRemoved = new ArrayList<>();
        for (String user : pulled.offlineRefused()) {
            if (!user.equals(session.user()) && sessions.removeOfflineLogin(user)) {
                offlineLoginsRemoved.add(user);
            }
        }
        progress.done();
        return new PullReport(pulled.folders().size(), pulled.components().size(), pulled.jobs().size(),
                pulled.baselines().size(), manifests.size(), blobs.size(), bytesFetched, pulled.serverTime(),
                transfer, removed, offlineLoginsRemoved);
    }

    /** {@code offline=NAME,…}: the users with an offline login here, so that the server says who is refused. */
    private String offlineUsersQuery() throws IOException {
        List<String> users = sessions.offlineLoginUsers();
        if (users.isEmpty()) {
            return "";
        }
        return Api.SYNC_OFFLINE_USERS + "=" + users.stream().limit(MAX_OFFLINE_USERS)
                .map(user -> URLEncoder.encode(user, StandardCharsets.UTF_8)).collect(Collectors.joining(","));
    }

    /** The synced jobs the pull no longer has, with their runs waiting for upload. */
    private List<RemovedJob> removedJobs(PullResponse pulled, String user) throws IOException {
        Set<String> kept = pulled.jobs().stream().map(Job::id).collect(Collectors.toSet());
        List<Run> pending = repository.pendingUploads();
        Instant now = Instant.now();
        List<RemovedJob> removed = new ArrayList<>();
        for (Job job : repository.synced().jobs()) {
            if (!kept.contains(job.id())) {
                int waiting = (int) pending.stream().filter(run -> run.jobId().equals(job.id())).count();
                removed.add(new RemovedJob(job.id(), job.name(), user, now, waiting));
            }
        }
        return removed;
    }

    private static Set<String> baselineSnapshots(List<Baseline> baselines) {
        Set<String> ids = new LinkedHashSet<>();
        for (Baseline baseline : baselines) {
            if (baseline.serverVersion() != null && baseline.serverVersion().snapshotId() != null) {
                ids.add(baseline.serverVersion().snapshotId());
            }
            if (baseline.previousBackupSnapshot() != null) {
                ids.add(baseline.previousBackupSnapshot());
            }
        }
        return ids;
    }

    /** GET /api/manifests/ID: the bytes must hash to the id they were asked by. */
    private static Manifest fetchManifest(ServerCalls calls, String id) throws IOException {
        byte[] bytes;
        try (InputStream in = calls.client().getStream(Api.MANIFESTS + id)) {
            bytes = in.readAllBytes();
        } catch (ServerCallException e) {
            throw calls.failure(e, "the server refused manifest " + id);
        } catch (IOException e) {
            throw calls.failure(calls.client().unreachable(e), "manifest " + id);
        }
        String actual = ManifestFormat.sha256(bytes);
        if (!actual.equals(id)) {
            throw new SyncException(200, "the server sent manifest " + id + " with content that hashes to " + actual
                    + ": nothing synced, try again", null);
        }
        return ManifestFormat.parse(bytes, Path.of("manifest " + id + " from " + calls.session().server()));
    }

    /** GET /api/blobs/SHA streamed into the store; the store's hash must be the one asked for. */
    private static long fetchBlob(ServerCalls calls, ContentStore store, String sha256, SubMonitor progress)
            throws IOException {
        try (MonitoredInputStream in = new MonitoredInputStream(calls.client().getStream(Api.BLOBS + sha256),
                calls.client(), progress)) {
            String stored = store.putBlob(in);
            if (!stored.equals(sha256)) {
                throw new SyncException(200, "the server sent blob " + sha256 + " with content that hashes to "
                        + stored + ": nothing synced, try again", null);
            }
            return in.count();
        } catch (ServerCallException e) {
            throw calls.failure(e, "the server refused blob " + sha256);
        }
    }

    // ---- jobs on the server

    @Override
    public List<JobSummary> serverJobs(ClientSession session) throws IOException {
        ServerCalls calls = new ServerCalls(sessions, session);
        try {
            return calls.client().getJsonList(Api.JOBS, JobSummary.class);
        } catch (ServerCallException e) {
            throw calls.failure(e, "the server refused the job list");
        }
    }

    // ---- push

    @Override
    public synchronized PushReport push(ClientSession session, IProgressMonitor monitor) throws IOException {
        ServerCalls calls = new ServerCalls(sessions, session);
        registerForPush(calls);
        // Runs of a job the server no longer gives this laptop stay queued: the server would refuse them.
        Set<String> removedJobs = RemovedJobsFile.of(repository.location()).read().stream().map(RemovedJob::jobId)
                .collect(Collectors.toSet());
        List<Run> pending = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (Run run : repository.pendingUploads()) {
            if (removedJobs.contains(run.jobId())) {
                held.add(run.id());
            } else {
                pending.add(run);
            }
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Uploading " + pending.size() + " runs to "
                + session.server(), pending.size() * 100 + 10);
        List<RunUpload> uploads = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Run run : pending) {
            checkCanceled(progress);
            progress.subTask("run " + run.id() + " of job " + run.jobId());
            try {
                uploads.add(upload(calls, run, progress.split(100)));
            } catch (SyncException e) {
                if (e.status() != UNPROCESSABLE) {
                    throw e;
                }
                // Refused as it is (its signature, a revoked laptop): it stays queued with the server's word.
                String reason = e.getCause() instanceof ServerCallException server ? server.getMessage() : e.getMessage();
                repository.uploadRefused(run.id(), reason, session.user());
                refused.put(run.id(), reason);
            }
        }
        // Before the audit upload, so that the prune's audit entry goes with this push.
        PruneReport pruned = null;
        String pruneProblem = null;
        if (repository.settings().pruneAfterUpload()) {
            try {
                pruned = repository.pruneUploadedSnapshots(session.user(), progress.split(5));
            } catch (IOException e) {
                pruneProblem = "pruning the snapshots of uploaded runs failed: " + e.getMessage();
            }
        }
        int[] audit = pushAudit(calls, progress.split(5));
        progress.done();
        return new PushReport(uploads, audit[0], audit[1], held, pruned, pruneProblem, refused,
                repository.unreadableRuns(true));
    }

    /**
     * Registers the laptop's key before the uploads; a laptop the server refuses (409: revoked, another key)
     * still offers its runs, which the server then refuses one by one with its reason.
     */
    private void registerForPush(ServerCalls calls) throws IOException {
        try {
            LaptopKeyRegistration.register(calls, repository);
        } catch (SyncException e) {
            if (e.status() != CONFLICT) {
                throw e;
            }
        }
    }

    private RunUpload upload(ServerCalls calls, Run run, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        String manifest = null;
        if (run.snapshotId() != null) {
            Snapshot snapshot = repository.store().readSnapshot(run.snapshotId());
            manifest = new String(ManifestFormat.toJson(snapshot.manifest()), StandardCharsets.UTF_8);
        }
        String doing = "upload of run " + run.id() + " (job " + run.jobId() + ")";
        BlobUploader uploader = new BlobUploader(calls.client(), repository.store());
        CommitResult result;
        int blobsSent = 0;
        long transferStart = System.nanoTime();
        long commitStart;
        RunSignature signature = repository.runSeal(run.id()).map(seal -> new RunSignature(seal.kind(),
                seal.laptopId(), seal.technician(), seal.auditHead(), seal.signature())).orElse(null);
        try {
            UploadPlan plan = calls.client().postJson(Api.UPLOADS, new UploadRequest(run, manifest, Instant.now(),
                    signature), UploadPlan.class);
            long remaining = 0;
            for (BlobStatus blob : plan.missing()) {
                remaining += blob.size() - blob.received();
            }
            SubMonitor blobProgress = progress.split(95).setWorkRemaining((int) Math.max(1, remaining / KIB));
            for (BlobStatus blob : plan.committed() ? List.<BlobStatus>of() : plan.missing()) {
                checkCanceled(progress);
                long before = uploader.bytesSent();
                uploader.upload(blob, blobProgress.split((int) ((blob.size() - blob.received()) / KIB)));
                if (uploader.bytesSent() > before) {
                    blobsSent++;
                }
            }
            checkCanceled(progress);
            commitStart = System.nanoTime();
            result = calls.client().postJson(Api.UPLOADS + "/" + run.id() + Api.COMMIT_SUFFIX, null,
                    CommitResult.class, COMMIT_TIMEOUT);
        } catch (ServerCallException e) {
            throw calls.failure(e, doing);
        }
        long commitEnd = System.nanoTime();
        // Only now, with the commit answered, does the run leave the queue.
        repository.uploaded(run.id(), calls.session().user());
        progress.done();
        return new RunUpload(run.id(), run.jobId(), blobsSent, uploader.bytesSent(), result,
                Duration.ofNanos(commitStart - transferStart), Duration.ofNanos(commitEnd - commitStart));
    }

    /** Sends the audit entries after the last acknowledged one; returns {sent, stored new}. */
    private int[] pushAudit(ServerCalls calls, SubMonitor progress) throws IOException {
        Path markFile = repository.location().resolve("sync").resolve("audit-acknowledged.json");
        AuditMark mark = AuditMark.read(markFile);
        List<AuditEntry> entries = repository.audit().entries();
        boolean sameTrail = mark.sequence() == 0 || mark.sequence() <= entries.size()
                && entries.get((int) mark.sequence() - 1).hash().equals(mark.hash());
        List<AuditEntry> unacknowledged = entries.subList(sameTrail ? (int) mark.sequence() : 0, entries.size());
        int sent = 0;
        int stored = 0;
        progress.setWorkRemaining(Math.max(1, unacknowledged.size()));
        for (int from = 0; from < unacknowledged.size(); from += AUDIT_BATCH) {
            checkCanceled(progress);
            List<AuditEntry> batch = unacknowledged.subList(from, Math.min(unacknowledged.size(), from + AUDIT_BATCH));
            AuditAck ack;
            try {
                ack = calls.client().postJson(Api.AUDIT, new AuditUpload(batch), AuditAck.class);
            } catch (ServerCallException e) {
                throw calls.failure(e, "upload of the audit trail");
            }
            AuditEntry last = batch.get(batch.size() - 1);
            new AuditMark(last.sequence(), last.hash()).write(markFile);
            sent += batch.size();
            stored += ack.stored();
            progress.worked(batch.size());
        }
        return new int[] { sent, stored };
    }

    private static void checkCanceled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
