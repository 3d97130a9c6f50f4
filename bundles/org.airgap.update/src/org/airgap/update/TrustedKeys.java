package org.airgap.update;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The OpenPGP keys whose signed content this installation installs ({@link SoftwareUpdates#update} and
 * {@link SoftwareUpdates#install} refuse unsigned content and content signed by any other key). They are part
 * of the installation: its file etc/trusted-keys.asc, which the product ships with the key its own updates are
 * signed with. An administrator adds a vendor's key.
 */
@ProviderType
public interface TrustedKeys {

    /** The installation's file of trusted keys. */
    Path location();

    /** The trusted keys, one line each: the fingerprint and the key's first user id. */
    List<String> list() throws IOException;

    /**
     * Adds the public keys in an armored key file (as {@code gpg --armor --export} writes it). Returns
     * {@link UpdateResult.Outcome#UPDATED} with the added keys as changes, {@link UpdateResult.Outcome#UP_TO_DATE}
     * when all were trusted already, {@link UpdateResult.Outcome#NOT_PERMITTED} before changing anything when this
     * account may not write the installation's file, and {@link UpdateResult.Outcome#FAILED} for a file without a
     * public key (or with a secret key).
     */
    UpdateResult add(Path keyFile);
}
