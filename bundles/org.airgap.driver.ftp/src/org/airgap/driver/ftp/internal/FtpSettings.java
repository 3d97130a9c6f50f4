package org.airgap.driver.ftp.internal;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.airgap.driver.api.Parameters;
import org.airgap.store.PathGlob;

/**
 * A job's parameters, typed (declared in {@link FtpDriver}). The password is only kept here and never
 * put into a message.
 *
 * @param fingerprint the expected SHA-256 of the server certificate, 64 lower-case hex digits, or {@code null}
 */
record FtpSettings(String host, int port, String user, String password, List<String> paths, PathGlob.Filter filter,
        boolean tls, String fingerprint, boolean passive, Duration timeout, int concurrency) {

    static final String TLS_NONE = "none";
    static final String TLS_EXPLICIT = "explicit";

    static FtpSettings of(Parameters parameters) {
        String user = parameters.get(FtpDriver.USER);
        String password = parameters.get(FtpDriver.PASSWORD);
        if (password == null) {
            // Anonymous FTP asks for an e-mail address as password by convention; other users may have none.
            password = user.equalsIgnoreCase("anonymous") || user.equalsIgnoreCase("ftp") ? "airgap@" : "";
        }
        return new FtpSettings(parameters.get(FtpDriver.HOST), parameters.get(FtpDriver.PORT), user, password,
                parameters.get(FtpDriver.PATHS).stream().map(RemotePaths::normalize).toList(),
                PathGlob.Filter.of(parameters.get(FtpDriver.INCLUDE), parameters.get(FtpDriver.EXCLUDE)),
                TLS_EXPLICIT.equals(parameters.get(FtpDriver.TLS)), parameters.get(FtpDriver.CERTIFICATE_FINGERPRINT),
                parameters.get(FtpDriver.PASSIVE), parameters.get(FtpDriver.TIMEOUT),
                parameters.get(FtpDriver.CONCURRENCY));
    }

    /** "host:port" as a technician types it (IPv6 in brackets). */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /** "7 s", "1.5 s", "2 min" for messages. */
    String timeoutText() {
        long millis = timeout.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * A fingerprint as typed (hex, with or without colons or spaces, any case) as 64 lower-case hex digits.
     *
     * @throws IllegalArgumentException when it is not 32 bytes of hex
     */
    static String normalizeFingerprint(String text) {
        String hex = text.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (hex.startsWith("sha256")) {
            hex = hex.substring("sha256".length());
        }
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("must be the certificate's SHA-256 fingerprint, 64 hex digits "
                    + "(colons allowed) as the driver logs it, not '" + text + "'");
        }
        return hex;
    }

    /** 64 hex digits as "AB:CD:…", the way keytool and openssl show fingerprints. */
    static String displayFingerprint(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }
}
