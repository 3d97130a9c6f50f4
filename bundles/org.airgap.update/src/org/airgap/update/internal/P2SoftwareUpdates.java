package org.airgap.update.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.airgap.update.InstalledFeature;
import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.p2.core.IAgentLocation;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.Update;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.query.IQueryResult;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.IRepository;
import org.eclipse.equinox.p2.repository.IRepositoryManager;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@link SoftwareUpdates} on the running installation's p2 agent. The agent exists only when the
 * product was installed by p2 (it then sets {@code eclipse.p2.data.area}); in a development runtime
 * the service says so instead of failing.
 */
@Component(service = SoftwareUpdates.class)
public class P2SoftwareUpdates implements SoftwareUpdates {

    /**
     * p2 registers the installation's agent when its core bundle activates, which may be after this
     * component: dynamic, so that the agent reaches this very instance (a caller may already hold it).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + IProvisioningAgent.SERVICE_CURRENT + "=true)")
    private volatile IProvisioningAgent agent;

    /** How long work that needs p2 waits for the agent at start-up (a command run right after launch). */
    private static final Duration AGENT_WAIT = Duration.ofSeconds(15);

    @Override
    public boolean isManaged() {
        return profile() != null;
    }

    @Override
    public List<InstalledFeature> installedFeatures() {
        awaitAgent(); // a command run right after launch (airgap login's notice of server updates) needs it
        IProfile profile = profile();
        if (profile == null) {
            return List.of();
        }
        List<InstalledFeature> features = new ArrayList<>();
        for (IInstallableUnit unit : profile.query(QueryUtil.createIUGroupQuery(), null)) {
            String id = unit.getId().endsWith(".feature.group")
                    ? unit.getId().substring(0, unit.getId().length() - ".feature.group".length())
                    : unit.getId();
            String name = unit.getProperty(IInstallableUnit.PROP_NAME, null);
            features.add(new InstalledFeature(id, unit.getVersion().toString(), name == null ? id : name));
        }
        features.sort(Comparator.comparing(InstalledFeature::id));
        return features;
    }

    @Override
    public List<URI> repositories() {
        IProvisioningAgent current = agent;
        if (current == null) {
            return List.of();
        }
        IMetadataRepositoryManager manager = current.getService(IMetadataRepositoryManager.class);
        return manager == null ? List.of()
                : Arrays.asList(manager.getKnownRepositories(IRepositoryManager.REPOSITORIES_NON_SYSTEM));
    }

    @Override
    public UpdateResult check(URI repository, IProgressMonitor monitor) {
        return run(repository, false, monitor);
    }

    @Override
    public UpdateResult update(URI repository, IProgressMonitor monitor) {
        return run(repository, true, monitor);
    }

    /** The agent, waiting a little for it when the installation has a p2 data area (it is being created). */
    private IProvisioningAgent awaitAgent() {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        boolean managed = context != null && context.getProperty("eclipse.p2.data.area") != null;
        long deadline = System.nanoTime() + AGENT_WAIT.toNanos();
        while (agent == null && managed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return agent;
    }

    private UpdateResult run(URI repository, boolean install, IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, install ? "Updating Airgap" : "Checking for updates", 100);
        IProvisioningAgent current = awaitAgent();
        Optional<UpdateResult> refused = install
                ? refusal(false, repository == null ? "update" : "update --repository " + repository)
                : Optional.empty();
        if (refused.isPresent()) {
            return refused.get();
        }
        if (current == null || profile() == null) {
            return notManaged();
        }
        List<URI> sources = repository != null ? List.of(repository) : repositories();
        if (sources.isEmpty()) {
            return new UpdateResult(Outcome.FAILED,
                    "No update repository is configured: name one (airgap update --repository URI) or ask the "
                            + "administrator for the Airgap update site.",
                    List.of());
        }
        IMetadataRepositoryManager metadata = current.getService(IMetadataRepositoryManager.class);
        IArtifactRepositoryManager artifacts = current.getService(IArtifactRepositoryManager.class);
        boolean forgetAfterwards = repository != null && !metadata.contains(repository);
        try {
            List<String> unreadable = new ArrayList<>();
            SubMonitor loading = progress.split(20).setWorkRemaining(sources.size());
            for (URI source : sources) {
                try {
                    metadata.loadRepository(source, loading.split(1));
                } catch (ProvisionException e) {
                    unreadable.add(source + " (" + e.getMessage() + ")");
                } catch (OperationCanceledException e) {
                    return cancelled(List.of());
                }
            }
            if (forgetAfterwards && unreadable.isEmpty()) {
                try {
                    artifacts.loadRepository(repository, progress.split(5));
                } catch (ProvisionException e) {
                    unreadable.add(repository + " (" + e.getMessage() + ")");
                }
                hide(metadata, repository);
                hide(artifacts, repository);
            }
            if (unreadable.size() == sources.size()) {
                return new UpdateResult(Outcome.FAILED, "No update repository could be read: "
                        + String.join("; ", unreadable)
                        + ". Check that the path or URL is right and reachable, or name another with --repository.",
                        List.of());
            }
            UpdateOperation operation = new UpdateOperation(new ProvisioningSession(current));
            if (repository != null) {
                operation.getProvisioningContext().setMetadataRepositories(repository);
                operation.getProvisioningContext().setArtifactRepositories(repository);
            }
            return resolveAndInstall(operation, install, progress);
        } finally {
            if (forgetAfterwards) {
                forget(metadata, repository);
                forget(artifacts, repository);
            }
        }
    }

    @Override
    public UpdateResult install(String featureId, URI repository, IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, "Installing " + featureId, 100);
        IProvisioningAgent current = awaitAgent();
        Optional<UpdateResult> refused = refusal(true, "install " + featureId + " --repository " + repository);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (current == null || profile() == null) {
            return notManaged();
        }
        IMetadataRepositoryManager metadata = current.getService(IMetadataRepositoryManager.class);
        IMetadataRepository source;
        try {
            source = metadata.loadRepository(repository, progress.split(20));
            current.getService(IArtifactRepositoryManager.class).loadRepository(repository, progress.split(10));
        } catch (ProvisionException e) {
            return new UpdateResult(Outcome.FAILED, "The repository " + repository + " cannot be read (" + e.getMessage()
                    + "). Check that the path or URL is right and reachable.", List.of());
        } catch (OperationCanceledException e) {
            return cancelled(List.of());
        }
        String group = featureId.endsWith(".feature.group") ? featureId : featureId + ".feature.group";
        IQueryResult<IInstallableUnit> found = source.query(QueryUtil.createLatestQuery(QueryUtil.createIUQuery(group)),
                progress.split(5));
        if (found.isEmpty()) {
            List<String> available = new ArrayList<>();
            for (IInstallableUnit unit : source.query(QueryUtil.createIUGroupQuery(), null)) {
                available.add(unit.getId().replace(".feature.group", ""));
            }
            Collections.sort(available);
            return new UpdateResult(Outcome.FAILED, "The repository " + repository + " has no feature " + featureId
                    + "; it has: " + (available.isEmpty() ? "none" : String.join(", ", available)), List.of());
        }
        IInstallableUnit unit = found.iterator().next();
        InstallOperation operation = new InstallOperation(new ProvisioningSession(current), List.of(unit));
        operation.getProvisioningContext().setMetadataRepositories(repository);
        operation.getProvisioningContext().setArtifactRepositories(repository);
        IStatus resolved = operation.resolveModal(progress.split(25));
        List<String> changes = List.of(featureId + " " + unit.getVersion());
        if (progress.isCanceled() || resolved.getSeverity() == IStatus.CANCEL) {
            return cancelled(changes);
        }
        if (resolved.getSeverity() == IStatus.ERROR) {
            return new UpdateResult(Outcome.FAILED, featureId + " cannot be installed: " + describe(resolved), changes);
        }
        return runJob(operation.getProvisioningJob(progress.split(5)), operation.getResolutionResult(), changes,
                "Installed; restart Airgap to use it.", progress.split(35));
    }

    private static UpdateResult notManaged() {
        return new UpdateResult(Outcome.FAILED,
                "This installation is not managed by p2 (a development runtime?): install Airgap from its "
                        + "product archive to get updates.",
                List.of());
    }

    private static UpdateResult cancelled(List<String> changes) {
        return new UpdateResult(Outcome.CANCELLED, "Cancelled; nothing was changed.", changes);
    }

    private UpdateResult runJob(ProvisioningJob job, IStatus resolution, List<String> changes, String success,
            SubMonitor progress) {
        if (job == null) {
            return new UpdateResult(Outcome.FAILED, "p2 planned no installation: " + describe(resolution), changes);
        }
        SignedContentOnly signedOnly = new SignedContentOnly(installationFolder());
        IStatus installed = signedOnly.run(agent, () -> job.runModal(progress));
        Optional<String> untrusted = signedOnly.refusal();
        if (untrusted.isPresent()) {
            return new UpdateResult(Outcome.FAILED, untrusted.get(), changes);
        }
        if (installed.getSeverity() == IStatus.CANCEL) {
            return cancelled(changes);
        }
        if (installed.getSeverity() == IStatus.ERROR) {
            return new UpdateResult(Outcome.FAILED, "Installing failed: " + describe(installed), changes);
        }
        return new UpdateResult(Outcome.UPDATED, success, changes);
    }

    private UpdateResult resolveAndInstall(UpdateOperation operation, boolean install, SubMonitor progress) {
        IStatus resolved = operation.resolveModal(progress.split(30));
        if (progress.isCanceled() || resolved.getSeverity() == IStatus.CANCEL) {
            return cancelled(List.of());
        }
        if (resolved.getCode() == UpdateOperation.STATUS_NOTHING_TO_UPDATE) {
            return new UpdateResult(Outcome.UP_TO_DATE, "Airgap is up to date.", List.of());
        }
        List<String> changes = new ArrayList<>();
        for (Update update : operation.getPossibleUpdates()) {
            changes.add(update.toUpdate.getId() + " " + update.toUpdate.getVersion() + " \u2192 "
                    + update.replacement.getVersion());
        }
        if (!resolved.isOK() && resolved.getSeverity() != IStatus.INFO) {
            return new UpdateResult(Outcome.FAILED,
                    "The update cannot be installed: " + describe(resolved), changes);
        }
        if (!install) {
            return new UpdateResult(Outcome.UPDATES_AVAILABLE, changes.size() + " update(s) available.", changes);
        }
        return runJob(operation.getProvisioningJob(progress.split(10)), operation.getResolutionResult(), changes,
                "Updated; restart Airgap to run the new version.", progress.split(40));
    }

    /**
     * A repository named once (a USB stick) is not kept for later updates. p2 remembers every repository
     * it loads, and an install writes the profile's repository list back as it was when the install began,
     * after a plain remove. So the entry is hidden first, before any install: disabled (never consulted
     * again) and marked as a system repository (never listed); {@link #forget} then removes what it can.
     */
    private static void hide(IRepositoryManager<?> manager, URI repository) {
        manager.setEnabled(repository, false);
        manager.setRepositoryProperty(repository, IRepository.PROP_SYSTEM, Boolean.TRUE.toString());
    }

    private static void forget(IRepositoryManager<?> manager, URI repository) {
        hide(manager, repository);
        manager.removeRepository(repository);
    }

    private IProfile profile() {
        IProvisioningAgent current = agent;
        if (current == null) {
            return null;
        }
        IProfileRegistry registry = current.getService(IProfileRegistry.class);
        return registry == null ? null : registry.getProfile(IProfileRegistry.SELF);
    }

    /** The status and its children as one line: p2 puts the useful cause in the children. */
    static String describe(IStatus status) {
        StringBuilder text = new StringBuilder(status.getMessage());
        if (status instanceof MultiStatus || status.isMultiStatus()) {
            for (IStatus child : status.getChildren()) {
                text.append("; ").append(describe(child));
            }
        }
        if (status.getException() != null && status.getException().getMessage() != null) {
            text.append(" (").append(status.getException().getMessage()).append(')');
        }
        return text.toString();
    }

    @Override
    public Optional<UpdateResult> updateRefusal() {
        return refusal(false, "update");
    }

    /**
     * The {@link InstallationAccess} rule on this installation and this account; empty when p2 is not managing
     * the installation (the caller says so). Decided before anything reads the profile: in p2's shared install
     * (p2 in the account's own area) reading the profile already writes a copy of it there.
     *
     * @param driverInstall whether the change is a driver install, which the installation may allow per user
     */
    private Optional<UpdateResult> refusal(boolean driverInstall, String command) {
        IProvisioningAgent current = agent;
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        Path installation = context == null ? null : area(context.getProperty("osgi.install.area"));
        Path configuration = context == null ? null : area(context.getProperty("osgi.configuration.area"));
        IAgentLocation location = current == null ? null : current.getService(IAgentLocation.class);
        if (installation == null || configuration == null || location == null) {
            return Optional.empty();
        }
        installation = InstallationAccess.real(installation);
        configuration = InstallationAccess.real(configuration);
        Path dataArea = InstallationAccess.real(Path.of(location.getRootLocation()));
        Path pool = installation;
        if (dataArea.startsWith(installation) && configuration.startsWith(installation)) {
            IProfile profile = profile();
            if (profile == null) {
                return Optional.empty();
            }
            String cache = profile.getProperty(IProfile.PROP_CACHE);
            pool = cache == null ? installation : InstallationAccess.real(Path.of(cache));
        }
        InstallationAccess.Places places = new InstallationAccess.Places(installation, configuration, dataArea, pool);
        boolean perUserAllowed = driverInstall && InstallationAccess.perUserInstallsAllowed(installation);
        return InstallationAccess.refusal(places, System.getProperty("user.name"), perUserAllowed, command,
                Files::isWritable).map(message -> new UpdateResult(Outcome.NOT_PERMITTED, message, List.of()));
    }

    /** A framework location property (a file: URL, not encoded) as a path. */
    private static Path area(String url) {
        if (url == null || !url.startsWith("file:")) {
            return null;
        }
        return Path.of(url.substring("file:".length()));
    }

    /** The installation folder, whose etc/trusted-keys.asc names the keys it accepts signed content from. */
    private Path installationFolder() {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        return InstallationTrustedKeys.installationFolder(context == null ? null : context.getProperty("osgi.install.area"));
    }
}
