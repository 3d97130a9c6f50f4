package org.airgap.session;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.airgap.protocol.CertificateFingerprint;

/**
 * The server presented a TLS certificate that no trusted authority signed and that is not the one pinned
 * for its URL: at the first login ({@code pinned} empty) the technician compares {@code presented} with
 * what the administrator handed out and, if equal, trusts it
 * ({@link SessionService#trustCertificate(URI, CertificateFingerprint)}); when a different certificate
 * was pinned before, the login is refused until the technician re-pins knowingly.
 *
 * @param server    the server's base URI as the technician typed it
 * @param presented the fingerprint of the certificate the server presented
 * @param pinned    the fingerprint pinned for this URL at an earlier login, or {@code null} at the first
 */
public record CertificateProblem(URI server, CertificateFingerprint presented, CertificateFingerprint pinned) {

    public CertificateProblem {
        Objects.requireNonNull(server, "CertificateProblem.server");
        Objects.requireNonNull(presented, "CertificateProblem.presented");
    }

    /** The certificate pinned before, if any: present means the server's certificate changed. */
    public Optional<CertificateFingerprint> previous() {
        return Optional.ofNullable(pinned);
    }

    /** Whether this is the first contact with the server (nothing pinned yet). */
    public boolean firstContact() {
        return pinned == null;
    }
}
