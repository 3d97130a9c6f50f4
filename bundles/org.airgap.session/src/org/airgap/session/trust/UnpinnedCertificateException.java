package org.airgap.session.trust;

import java.security.cert.CertificateException;

import org.airgap.protocol.CertificateFingerprint;

/**
 * The server's certificate is neither accepted by a trusted authority nor the pinned one. Travels as the
 * cause of the TLS handshake failure up to {@link org.airgap.session.http.ServerClient}, which turns it
 * into the technician's message.
 */
public final class UnpinnedCertificateException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient CertificateFingerprint presented;
    private final transient CertificateFingerprint pinned;

    UnpinnedCertificateException(CertificateFingerprint presented, CertificateFingerprint pinned,
            CertificateException notByAnAuthority) {
        super("the server's certificate " + presented + " is not signed by a trusted authority ("
                + notByAnAuthority.getMessage() + ") and is not the one pinned (" + pinned + ")", notByAnAuthority);
        this.presented = presented;
        this.pinned = pinned;
    }

    /** The fingerprint of the certificate the server presented; {@code null} if it presented none. */
    public CertificateFingerprint presented() {
        return presented;
    }

    /** The pinned fingerprint, {@code null} when nothing was pinned for the server. */
    public CertificateFingerprint pinned() {
        return pinned;
    }

    /** The refusal among {@code failure}'s causes, if the failure is one. */
    public static UnpinnedCertificateException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnpinnedCertificateException refusal) {
                return refusal;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (suppressed instanceof UnpinnedCertificateException refusal) {
                    return refusal;
                }
            }
        }
        return null;
    }
}
