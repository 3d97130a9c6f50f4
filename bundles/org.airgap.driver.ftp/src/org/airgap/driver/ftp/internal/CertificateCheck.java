package org.airgap.driver.ftp.internal;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.airgap.driver.api.DriverProgress;

/**
 * Trusts a server certificate by its SHA-256 fingerprint, not by a certificate authority: PLCs and HMI
 * panels present self-signed certificates. With an expected fingerprint anything else is refused; without
 * one the certificate is accepted and its fingerprint logged once, so that the technician can pin it.
 * An X509ExtendedTrustManager, so that JSSE adds no checks of its own (host names, CA paths) on top.
 */
final class CertificateCheck extends X509ExtendedTrustManager {

    private final String expected;
    private final DriverProgress progress;
    private final AtomicBoolean logged = new AtomicBoolean();
    private volatile String mismatch;

    /** @param expected 64 lower-case hex digits, or {@code null} to accept any certificate and log it */
    CertificateCheck(String expected, DriverProgress progress) {
        this.expected = expected;
        this.progress = progress;
    }

    /** The fingerprint of a certificate that was refused, or {@code null} when none was. */
    String mismatch() {
        return mismatch;
    }

    String expected() {
        return expected;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        String actual = fingerprint(chain[0]);
        if (expected == null) {
            if (logged.compareAndSet(false, true)) {
                progress.log("Server certificate (" + chain[0].getSubjectX500Principal().getName() + ") SHA-256 fingerprint "
                        + FtpSettings.displayFingerprint(actual)
                        + ": accepted without check; put it in certificateFingerprint to refuse any other certificate");
            }
        } else if (!expected.equals(actual)) {
            mismatch = actual;
            throw new CertificateException("server certificate fingerprint " + FtpSettings.displayFingerprint(actual)
                    + " is not the expected " + FtpSettings.displayFingerprint(expected));
        }
    }

    static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CertificateException("cannot compute the certificate's fingerprint: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the FTP driver is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the FTP driver is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the FTP driver is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
