package org.airgap.update;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The installation's p2 view: what is installed, and updates from the update repositories that the
 * product declares (p2.inf) or that the caller names.
 */
@ProviderType
public interface SoftwareUpdates {

    /** Whether this installation is managed by p2 (false in a development or test runtime). */
    boolean isManaged();

    /** The installed features and the product, sorted by id; empty when {@link #isManaged()} is false. */
    List<InstalledFeature> installedFeatures();

    /** The update repositories configured for this installation. */
    List<URI> repositories();

    /**
     * Looks for newer versions of the installed roots.
     *
     * @param repository a repository to use instead of the configured ones, or {@code null}
     */
    UpdateResult check(URI repository, IProgressMonitor monitor);

    /**
     * Installs newer versions of the installed roots; they run after a restart. Returns
     * {@link UpdateResult.Outcome#NOT_PERMITTED} before changing anything when {@link #updateRefusal()} says so.
     *
     * @param repository a repository to use instead of the configured ones, or {@code null}
     */
    UpdateResult update(URI repository, IProgressMonitor monitor);

    /**
     * Installs a feature (a vendor's driver, for example) from a repository, with what it requires; it
     * runs after a restart. The repository is remembered, so later updates of the feature come from it.
     * Returns {@link UpdateResult.Outcome#NOT_PERMITTED} before changing anything when this account may not
     * write the installation, unless the installation allows per-user installs.
     *
     * @param featureId the feature's id, for example {@code com.example.airgap.driver.http.feature}
     */
    UpdateResult install(String featureId, URI repository, IProgressMonitor monitor);

    /**
     * Why this account may not {@link #update} the installation: empty when it may (it can write every place
     * p2 writes, all inside the installation), otherwise the {@link UpdateResult.Outcome#NOT_PERMITTED} result
     * naming the installation folder and the account. Checks ({@link #check}) work for every account.
     */
    Optional<UpdateResult> updateRefusal();
}
