package org.airgap.session.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.airgap.protocol.CertificateFingerprint;

/**
 * The laptop's trust in a server, as SSH's: a chain the trusted authorities accept (the JDK's cacerts or
 * the trust store the standard {@code javax.net.ssl.trustStore} properties name, with the host name
 * check) is accepted; any other certificate only if its fingerprint is the pin kept for the server's URL.
 * The pin is the server's identity then, so the host name is not checked against it. Anything else fails
 * with an {@link UnpinnedCertificateException} naming the fingerprint presented.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager authorities;
    private final CertificateFingerprint pin;

    /**
     * @param authorities the trust in certificate authorities (with the host name check)
     * @param pin         the fingerprint pinned for the server, {@code null} when none is
     */
    public PinningTrustManager(X509ExtendedTrustManager authorities, CertificateFingerprint pin) {
        this.authorities = authorities;
        this.pin = pin;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException notByAnAuthority) {
            acceptPinnedOnly(chain, notByAnAuthority);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException notByAnAuthority) {
            acceptPinnedOnly(chain, notByAnAuthority);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType);
        } catch (CertificateException notByAnAuthority) {
            acceptPinnedOnly(chain, notByAnAuthority);
        }
    }

    private void acceptPinnedOnly(X509Certificate[] chain, CertificateException notByAnAuthority)
            throws UnpinnedCertificateException {
        if (chain == null || chain.length == 0) {
            throw new UnpinnedCertificateException(null, pin, notByAnAuthority);
        }
        CertificateFingerprint presented = CertificateFingerprint.of(chain[0]);
        if (!presented.equals(pin)) {
            throw new UnpinnedCertificateException(presented, pin, notByAnAuthority);
        }
    }

    // The laptop never asks for client certificates: client checks are the authorities' (unused).

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        authorities.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        authorities.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        authorities.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.getAcceptedIssuers();
    }
}
