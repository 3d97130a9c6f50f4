package org.airgap.update.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.UIServices;

/**
 * Runs a p2 install or update so that it installs only content signed by a key of the installation's
 * {@link TrustedKeysFile}: p2's CheckTrust phase asks the agent's {@link UIServices}, and without one (a
 * headless installation) it would accept anything. For the length of the job the agent's UIServices is a
 * {@link SignatureTrust} on those keys; p2 then cancels before changing the installation when anything is
 * unsigned or signed by another key, and {@link #refusal()} says what and by which key.
 */
final class SignedContentOnly {

    /** p2's switch for unsigned content: with "allow" its CheckTrust phase accepts everything unasked. */
    private static final String UNSIGNED_POLICY = "eclipse.p2.unsignedPolicy";
    private static final String UNSIGNED_ALLOWED = "allow";

    private final Path store;
    private SignatureTrust trust;
    private String unreadable;
    private String disabled;

    /** @param installation the installation folder, whose {@value TrustedKeysFile#LOCATION} is read */
    SignedContentOnly(Path installation) {
        this.store = installation.resolve(TrustedKeysFile.LOCATION);
    }

    /**
     * Runs the job with the installation's keys as p2's trust authority. The agent is shared with the rest of
     * the application: the UIServices it had is put back afterwards.
     */
    IStatus run(IProvisioningAgent agent, Supplier<IStatus> job) {
        if (UNSIGNED_ALLOWED.equals(agent.getProperty(UNSIGNED_POLICY))) {
            // p2 then skips its trust check and would never ask: refused before anything is downloaded.
            trust = new SignatureTrust(List.of(), null);
            disabled = "The installation turns p2's signature check off (" + UNSIGNED_POLICY + "=" + UNSIGNED_ALLOWED
                    + ", in bin/airgap or AIRGAP_VMARGS): remove it. Nothing was changed.";
            return Status.CANCEL_STATUS;
        }
        List<PGPPublicKey> keys;
        try {
            keys = TrustedKeysFile.keys(TrustedKeysFile.read(store));
        } catch (IOException e) {
            // An unreadable store trusts nothing: the job is still run, and refused, so the message names it.
            keys = List.of();
            unreadable = store + " cannot be read (" + e.getMessage() + ")";
        }
        UIServices previous = (UIServices) agent.getService(UIServices.SERVICE_NAME);
        trust = new SignatureTrust(keys, previous);
        agent.registerService(UIServices.SERVICE_NAME, trust);
        try {
            return job.get();
        } finally {
            agent.unregisterService(UIServices.SERVICE_NAME, trust);
            if (previous != null) {
                agent.registerService(UIServices.SERVICE_NAME, previous);
            }
        }
    }

    /** Why p2 was told to refuse the content; empty when the job ran with trusted content only. */
    Optional<String> refusal() {
        if (disabled != null) {
            return Optional.of(disabled);
        }
        Optional<String> refused = trust == null ? Optional.empty() : trust.refusal();
        return refused.map(message -> unreadable == null ? message
                : message + "\nThe installation's trusted keys: " + unreadable + ".");
    }
}
