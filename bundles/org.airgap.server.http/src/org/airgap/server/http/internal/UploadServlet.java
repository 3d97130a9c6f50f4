package org.airgap.server.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;

import javax.servlet.Servlet;

import org.airgap.model.CompareResult;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.model.Version;
import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.UploadPlan;
import org.airgap.protocol.UploadRequest;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.RunOrigin;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerRepository.CommittedRun;
import org.airgap.server.core.VersionPolicy;
import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The push half of the sync (docs/server.md, "Sync protocol"): {@code POST /api/uploads} plans a run's
 * upload and answers the blobs the server lacks; {@code POST /api/uploads/<run id>/commit} stores the
 * run once all of them arrived, compares it on the server and creates a version when the
 * {@link VersionPolicy} says so.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.UPLOADS, Api.UPLOADS + "/*" })
public class UploadServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    /** How many missing blobs a 409 names; the plan lists them all. */
    private static final int NAMED_MISSING = 5;

    @Activate
    public UploadServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        String[] path = exchange.pathSegments();
        if (path.length == 0) {
            plan(exchange);
        } else if (path.length == 2 && ("/" + path[1]).equals(Api.COMMIT_SUFFIX) && !path[0].isEmpty()) {
            commit(exchange, path[0]);
        } else {
            throw noSuchPath(exchange);
        }
    }

    private void plan(Exchange exchange) throws ServerException, IOException {
        UserInfo user = exchange.user();
        UploadRequest request = exchange.readJson(UploadRequest.class);
        Run run = request.run();
        if (run == null) {
            throw new ServerException(Kind.BAD_REQUEST, "an upload needs its \"run\"");
        }
        requireAccess(user, run.jobId());
        if (!run.complete()) {
            throw new ServerException(Kind.BAD_REQUEST, "run " + run.id() + " has not finished: upload it when it has ended");
        }
        Instant received = Instant.now();
        UploadChecks.refuseFutureRun(run, received);
        Manifest manifest = manifestOf(request);
        RunSignatureCheck.verify(services.repository(), user, run, request.signature());
        ServerRepository repository = services.repository();
        UploadArea uploads = services.uploads();
        ReentrantLock lock = uploads.runLock(run.id());
        // Not while gc deletes: once saved, the plan keeps its blobs from gc (UploadGuard).
        services.uploadGuard().shared().lock();
        lock.lock();
        try {
            Optional<CommittedRun> earlier = repository.committedRun(run.id());
            if (earlier.isPresent()) {
                RunIds.requireSameRun(earlier.get(), run.id(), user, run);
                exchange.sendOk(new UploadPlan(run.id(), List.of(), 0, true));
                return;
            }
            Optional<String> planned = uploads.pending(run.id());
            if (planned.isPresent()) {
                RunIds.requireOwnPlan(ProtocolJson.read(planned.get(), PendingUpload.class), run.id(), user, run);
            }
            uploads.savePending(run.id(), ProtocolJson.write(PendingUpload.of(request, received, user.name())));
        } finally {
            lock.unlock();
            services.uploadGuard().shared().unlock();
        }
        List<BlobStatus> missing = new ArrayList<>();
        long missingBytes = 0;
        Map<String, Long> sizes = blobSizes(manifest);
        Set<String> unnamed = services.claims().unnamed(user, sizes.keySet());
        for (Map.Entry<String, Long> blob : sizes.entrySet()) {
            if (unnamed.contains(blob.getKey())) {
                BlobStatus status = uploads.status(user.name(), blob.getKey(), blob.getValue(), false);
                missing.add(status);
                missingBytes += status.size() - status.received();
            }
        }
        exchange.sendOk(new UploadPlan(run.id(), missing, missingBytes, false));
    }

    private void commit(Exchange exchange, String runId) throws ServerException, IOException {
        UserInfo user = exchange.user();
        ServerRepository repository = services.repository();
        UploadArea uploads = services.uploads();
        ReentrantLock lock = uploads.runLock(runId);
        // Not while gc deletes: from its manifest until its run is in the database, nothing else names its blobs.
        services.uploadGuard().shared().lock();
        lock.lock();
        try {
            Optional<String> pending = uploads.pending(runId);
            Optional<CommitResult> earlier = repository.committed(runId);
            if (earlier.isPresent()) {
                // A retry, possibly after a crash between the commit and the clean-up.
                Run pendingRun = pending.isEmpty() ? null
                        : ProtocolJson.read(pending.get(), UploadRequest.class).run();
                RunIds.requireSameRun(repository.committedRun(runId).orElseThrow(), runId, user, pendingRun);
                uploads.deletePending(runId);
                exchange.sendOk(earlier.get());
                return;
            }
            PendingUpload planned = pending.isEmpty() ? null : ProtocolJson.read(pending.get(), PendingUpload.class);
            UploadRequest request = planned == null ? null : planned.request();
            // Another user's upload answers as no upload: it must not tell that it exists, nor be taken over.
            if (request == null || !services.access().mayRunJob(user, request.run().jobId())
                    || !RunIds.plannedBy(planned, user)) {
                throw new ServerException(Kind.NOT_FOUND, "no upload for run " + runId + " — send it first (POST "
                        + Api.UPLOADS + ")");
            }
            Run run = request.run();
            Job job = requireAccess(user, run.jobId());
            UploadChecks.refuseFutureRun(run, Instant.now()); // planned by a server that did not check
            Manifest manifest = manifestOf(request);
            RunOrigin origin = RunSignatureCheck.verify(repository, user, run, request.signature());
            Duration clockSkew = UploadChecks.clockSkew(request.sentAt(), planned.received());
            CommitResult result = manifest == null ? commitWithoutSnapshot(run, user, clockSkew, origin)
                    : commitSnapshot(run, manifest, job, user, clockSkew, origin);
            uploads.deletePending(runId);
            exchange.sendOk(result);
        } finally {
            lock.unlock();
            services.uploadGuard().shared().unlock();
        }
    }

    /** A run that produced no backup (failed, cancelled) is kept for its history; nothing to compare. */
    private CommitResult commitWithoutSnapshot(Run run, UserInfo user, Duration clockSkew, RunOrigin origin)
            throws ServerException {
        CommitResult results = new CommitResult(run.id(), CompareResult.ERROR, CompareResult.ERROR, null, false);
        return services.repository().commit(run, user.name(), clockSkew, results, false, null, origin);
    }

    private CommitResult commitSnapshot(Run run, Manifest manifest, Job job, UserInfo user, Duration clockSkew,
            RunOrigin origin) throws ServerException, IOException {
        ServerRepository repository = services.repository();
        ContentStore store = repository.store();
        // Only blobs this user sent or may read: a hash alone must not make another component's file theirs.
        List<String> missing = List.copyOf(services.claims().unnamed(user, manifest.blobs()));
        if (!missing.isEmpty()) {
            throw new ServerException(Kind.CONFLICT, missing.size() + " blob(s) of run " + run.id()
                    + " are not on the server yet: " + String.join(", ", missing.subList(0, Math.min(NAMED_MISSING,
                            missing.size()))) + (missing.size() > NAMED_MISSING ? ", …" : "")
                    + " — upload them (PUT " + Api.BLOBS + "<sha256>), then commit again");
        }
        UploadChecks.requireBlobSizes(manifest, store, run.id());
        Snapshot snapshot = store.putManifest(manifest);
        if (!snapshot.id().equals(run.snapshotId())) {
            throw new IOException("the store gave snapshot " + snapshot.id() + " to the manifest of run " + run.id()
                    + ", whose snapshot id is " + run.snapshotId());
        }
        String componentId = job.componentId();
        Optional<Version> latest = repository.latestVersion(componentId);
        CompareResult serverVersion = compare(latest.map(Version::snapshotId).orElse(null), manifest, job);
        CompareResult previousBackup = compare(repository.latestBackupSnapshot(componentId).orElse(null), manifest,
                job);
        VersionPolicy.Decision decision = VersionPolicy.onCommit(job, run, latest, serverVersion);
        CommitResult results = new CommitResult(run.id(), serverVersion, previousBackup, null,
                decision.createVersion(), decision.refusal());
        if (decision.refusal() != null) {
            LOG.warning("run " + run.id() + " of job " + job.id() + " from user '" + user.name() + "': "
                    + decision.refusal());
        }
        CommitResult committed = repository.commit(run, user.name(), clockSkew, results, decision.createVersion(),
                decision.comment(), origin);
        if (decision.refusal() == null && committed.versionRefusal() != null) { // refused as stale by the repository
            LOG.warning("run " + run.id() + " of job " + job.id() + " from user '" + user.name() + "': "
                    + committed.versionRefusal());
        }
        services.claims().committed(user, manifest.blobs());
        return committed;
    }

    /** As the runner compares on site (the compare engine's one rule); a failure is an ERROR result, logged. */
    private CompareResult compare(String basisId, Manifest backup, Job job) {
        return services.compare().compareWithBasis(services.repository().store(), basisId, backup,
                job.options().ignoreRules(),
                e -> LOG.log(Level.WARNING, "could not compare with snapshot " + basisId + " for job " + job.id(), e));
    }

    private Job requireAccess(UserInfo user, String jobId) throws ServerException {
        // One answer for an unknown job and one not assigned: it must not tell which ids exist.
        Optional<Job> job = services.repository().job(jobId);
        if (job.isEmpty() || !services.access().mayRunJob(user, jobId)) {
            throw new ServerException(Kind.NOT_FOUND, "no job '" + jobId + "' among the jobs assigned to you");
        }
        return job.get();
    }

    /**
     * The run's manifest, checked: its bytes must hash to the run's snapshot id, and it must be one the
     * laptop's snapshot writer could have written. {@code null} for a run without a snapshot.
     */
    private static Manifest manifestOf(UploadRequest request) throws ServerException {
        Run run = request.run();
        if (run.snapshotId() == null) {
            return null;
        }
        if (request.manifest() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "run " + run.id() + " has snapshot " + run.snapshotId()
                    + " but the upload carries no \"manifest\"");
        }
        byte[] bytes = request.manifest().getBytes(StandardCharsets.UTF_8);
        String actual = ManifestFormat.sha256(bytes);
        if (!actual.equals(run.snapshotId())) {
            throw new ServerException(Kind.BAD_REQUEST, "the manifest's SHA-256 is " + actual
                    + ", not the run's snapshot id " + run.snapshotId() + ": send the manifest's exact bytes");
        }
        Manifest manifest;
        try {
            manifest = ManifestFormat.parse(bytes, java.nio.file.Path.of("uploaded-manifest.json"));
        } catch (StoreException e) {
            throw new ServerException(Kind.BAD_REQUEST, e.getMessage(), e);
        }
        UploadChecks.requireWritable(manifest, run.id());
        return manifest;
    }

    /** Each distinct blob with its size, in hash order so that plans are stable. */
    private static Map<String, Long> blobSizes(Manifest manifest) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (manifest == null) {
            return sizes;
        }
        manifest.entries().stream().filter(entry -> entry.sha256() != null)
                .sorted(Comparator.comparing(ManifestEntry::sha256))
                .forEach(entry -> sizes.putIfAbsent(entry.sha256(), entry.size()));
        return sizes;
    }
}
