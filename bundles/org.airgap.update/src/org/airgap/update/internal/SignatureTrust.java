package org.airgap.update.internal;

import java.io.File;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.repository.artifact.spi.IArtifactUIServices;

/**
 * p2's trust question (its CheckTrust phase, after the download and before anything is installed) answered
 * from the installation's trusted keys, without asking anyone: content signed by one of those keys is
 * trusted; unsigned content and every other key or certificate are refused, and p2 then cancels the install.
 * The answer is never saved in p2's own trust preferences. What was refused is kept for the message.
 */
final class SignatureTrust extends UIServices implements IArtifactUIServices {

    /** How many artifacts a refusal names per reason; the rest are counted. */
    private static final int NAMED = 8;

    private final Set<String> trustedFingerprints;
    private final Map<String, Set<String>> refused = new LinkedHashMap<>();
    private final UIServices authentication;

    /**
     * @param trusted        the installation's keys (primary keys and subkeys)
     * @param authentication the agent's UIServices before this one, which answers password questions; or null
     */
    SignatureTrust(Collection<PGPPublicKey> trusted, UIServices authentication) {
        this.authentication = authentication;
        trustedFingerprints = new HashSet<>();
        trusted.forEach(key -> trustedFingerprints.add(TrustedKeysFile.fingerprint(key)));
    }

    @Override
    public TrustInfo getTrustInfo(Map<List<Certificate>, Set<IArtifactKey>> untrustedCertificateChains,
            Map<PGPPublicKey, Set<IArtifactKey>> untrustedPGPKeys, Set<IArtifactKey> unsignedArtifacts,
            Map<IArtifactKey, File> artifactFiles) {
        List<PGPPublicKey> accepted = new ArrayList<>();
        Set<IArtifactKey> trustedArtifacts = new HashSet<>();
        untrustedPGPKeys.forEach((key, artifacts) -> {
            if (trustedFingerprints.contains(TrustedKeysFile.fingerprint(key))) {
                accepted.add(key);
                trustedArtifacts.addAll(artifacts);
            }
        });
        for (IArtifactKey artifact : unsignedArtifacts) {
            refuse("not signed", artifact);
        }
        untrustedPGPKeys.forEach((key, artifacts) -> artifacts.stream().filter(a -> !trustedArtifacts.contains(a))
                .forEach(artifact -> refuse("signed by the untrusted key " + TrustedKeysFile.describe(key, null),
                        artifact)));
        untrustedCertificateChains.forEach((chain, artifacts) -> artifacts.stream()
                .filter(a -> !trustedArtifacts.contains(a))
                .forEach(artifact -> refuse("signed by the untrusted certificate " + subject(chain), artifact)));
        return new TrustInfo(List.of(), accepted, false, false, false);
    }

    private void refuse(String reason, IArtifactKey artifact) {
        refused.computeIfAbsent(reason, r -> new LinkedHashSet<>())
                .add(artifact.getId() + " " + artifact.getVersion());
    }

    private static String subject(List<Certificate> chain) {
        return chain.isEmpty() || !(chain.get(0) instanceof X509Certificate x509) ? "(unknown)"
                : x509.getSubjectX500Principal().getName();
    }

    /**
     * Why the content was refused, one line per reason naming the artifacts and the key; empty when p2 asked
     * nothing or everything it asked about was signed by a trusted key.
     */
    Optional<String> refusal() {
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(
                "Refused: the content is not signed by a key this installation trusts; nothing was changed.");
        refused.forEach((reason, artifacts) -> {
            List<String> named = artifacts.stream().limit(NAMED).toList();
            text.append("\n  ").append(reason).append(": ").append(String.join(", ", named));
            if (artifacts.size() > named.size()) {
                text.append(" and ").append(artifacts.size() - named.size()).append(" more");
            }
        });
        text.append("\nAn administrator who trusts the publisher adds its public key with: airgap trust add KEYFILE"
                + " (airgap trust list shows the trusted keys).");
        return Optional.of(text.toString());
    }

    /** The old question (no PGP keys): refused, since nothing is trusted by certificate or unsigned. */
    @Override
    public TrustInfo getTrustInfo(Certificate[][] untrustedChain, String[] unsignedDetail) {
        if (unsignedDetail != null) {
            for (String detail : unsignedDetail) {
                refused.computeIfAbsent("not signed", r -> new LinkedHashSet<>()).add(detail);
            }
        }
        if (untrustedChain != null) {
            for (Certificate[] chain : untrustedChain) {
                refused.computeIfAbsent("signed by an untrusted certificate", r -> new LinkedHashSet<>())
                        .add(subject(List.of(chain)));
            }
        }
        return new TrustInfo(new Certificate[0], false, false);
    }

    /** Passwords are not this class's question: the UIServices it replaced answers them, if there was one. */
    @Override
    public AuthenticationInfo getUsernamePassword(String location) {
        return authentication == null ? null : authentication.getUsernamePassword(location);
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location, AuthenticationInfo previousInfo) {
        return authentication == null ? null : authentication.getUsernamePassword(location, previousInfo);
    }
}
