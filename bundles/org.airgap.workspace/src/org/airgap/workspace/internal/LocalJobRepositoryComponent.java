package org.airgap.workspace.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import org.airgap.audit.AuditTrail;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.store.ContentStore;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.LaptopIdentity;
import org.airgap.workspace.PruneReport;
import org.airgap.workspace.RunSeal;
import org.airgap.workspace.SealedFiles;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link JobRepository} service of a workbench or CLI process. Its workspace folder, first set wins:
 * the framework/system property {@value JobRepository#WORKSPACE_PROPERTY},
 * the environment variable {@value JobRepository#WORKSPACE_ENVIRONMENT}, {@code repository/} inside the
 * OSGi instance area (the workbench's {@code ~/.airgap/workspace}), else {@code ~/.airgap/repository}.
 * The component is delayed: a property set before the service is first got takes effect.
 */
@Component(service = JobRepository.class)
public class LocalJobRepositoryComponent implements JobRepository {

    private Workspace workspace;

    @Activate
    void activate(BundleContext context) throws IOException {
        workspace = Workspace.open(location(context.getProperty(WORKSPACE_PROPERTY), System.getenv(WORKSPACE_ENVIRONMENT),
                context.getProperty("osgi.instance.area")));
    }

    /** The first of the settings that is not blank (see the class comment); instance area as a URL. */
    static Path location(String property, String environment, String instanceArea) {
        for (String setting : new String[] { property, environment }) {
            if (setting != null && !setting.isBlank()) {
                return Path.of(setting.strip());
            }
        }
        if (instanceArea != null && instanceArea.startsWith("file:")) {
            return Path.of(URI.create(instanceArea.replace(" ", "%20"))).resolve("repository");
        }
        return Path.of(System.getProperty("user.home"), ".airgap", "repository");
    }

    @Deactivate
    void deactivate() throws IOException {
        workspace.close();
    }

    @Override
    public Path location() {
        return workspace.location();
    }

    @Override
    public SyncedData synced() {
        return workspace.synced();
    }

    @Override
    public void replaceSynced(SyncedData data, String user) throws IOException {
        workspace.replaceSynced(data, user);
    }

    @Override
    public Optional<Job> job(String jobId) {
        return workspace.job(jobId);
    }

    @Override
    public Run startRun(String jobId, String user) throws IOException {
        return workspace.startRun(jobId, user);
    }

    @Override
    public void saveRun(Run run) throws IOException {
        workspace.saveRun(run);
    }

    @Override
    public Run finishRun(Run run, String user) throws IOException {
        return workspace.finishRun(run, user);
    }

    @Override
    public List<Run> runs() throws IOException {
        return workspace.runs();
    }

    @Override
    public Map<String, String> unreadableRuns(boolean waitingForUpload) throws IOException {
        return workspace.unreadableRuns(waitingForUpload);
    }

    @Override
    public Optional<Run> run(String runId) throws IOException {
        return workspace.run(runId);
    }

    @Override
    public List<Run> pendingUploads() throws IOException {
        return workspace.pendingUploads();
    }

    @Override
    public void uploaded(String runId, String user) throws IOException {
        workspace.uploaded(runId, user);
    }

    @Override
    public LaptopIdentity laptopIdentity(String user) throws IOException {
        return workspace.laptopIdentity(user);
    }

    @Override
    public Optional<RunSeal> runSeal(String runId) throws IOException {
        return workspace.runSeal(runId);
    }

    @Override
    public SealedFiles sealedFiles() {
        return workspace.sealedFiles();
    }

    @Override
    public void uploadRefused(String runId, String reason, String user) throws IOException {
        workspace.uploadRefused(runId, reason, user);
    }

    @Override
    public Optional<String> uploadRefusal(String runId) throws IOException {
        return workspace.uploadRefusal(runId);
    }

    @Override
    public PruneReport pruneUploadedSnapshots(String user, IProgressMonitor monitor) throws IOException {
        return workspace.pruneUploadedSnapshots(user, monitor);
    }

    @Override
    public boolean snapshotPruned(String snapshotId) {
        return workspace.snapshotPruned(snapshotId);
    }

    @Override
    public Lock finishingLock() {
        return workspace.finishingLock();
    }

    @Override
    public ContentStore store() {
        return workspace.store();
    }

    @Override
    public byte[] createDataKey(String user, char[] password) throws IOException {
        return workspace.createDataKey(user, password);
    }

    @Override
    public void unlock(byte[] dataKey) throws IOException {
        workspace.unlock(dataKey);
    }

    @Override
    public void lock() {
        workspace.lock();
    }

    @Override
    public boolean unlocked() {
        return workspace.unlocked();
    }

    @Override
    public AuditTrail audit() {
        return workspace.audit();
    }

    @Override
    public List<String> recoveryNotes() {
        return workspace.recoveryNotes();
    }
}
