package org.airgap.driver.sftp.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.airgap.driver.api.Parameters;
import org.airgap.store.PathGlob;

/**
 * A job's SFTP parameters, typed. {@link #toString()} leaves the secrets out.
 *
 * @param privateKey         a key file on this computer, or {@code null} for password login only
 * @param hostKeyFingerprint the fingerprint the server's key must have, or {@code null} to trust on first use
 */
record SftpSettings(String host, int port, String user, String password, Path privateKey, String passphrase,
        List<String> paths, PathGlob.Filter filter, Duration timeout, String hostKeyFingerprint) {

    static SftpSettings of(Parameters parameters) {
        String host = parameters.get(SftpDriver.HOST);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // [IPv6] as typed in URLs
        }
        return new SftpSettings(host, parameters.get(SftpDriver.PORT), parameters.get(SftpDriver.USER),
                parameters.get(SftpDriver.PASSWORD), parameters.get(SftpDriver.PRIVATE_KEY),
                parameters.get(SftpDriver.PASSPHRASE), parameters.get(SftpDriver.PATHS),
                PathGlob.Filter.of(parameters.get(SftpDriver.INCLUDE), parameters.get(SftpDriver.EXCLUDE)),
                parameters.get(SftpDriver.TIMEOUT), parameters.get(SftpDriver.HOST_KEY_FINGERPRINT));
    }

    /** host:port as technicians write it ([v6]:port for IPv6 addresses). */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The timeout in words for messages: "10 s". */
    String timeoutText() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * The snapshot folder a configured remote path is stored under: its segments without the leading
     * '/', "." and empty ones ("." and "/" give the snapshot's top level; "/var/log" gives "var/log").
     * Validation refuses "..".
     */
    static String snapshotPrefix(String remotePath) {
        List<String> segments = new ArrayList<>();
        for (String segment : remotePath.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    @Override
    public String toString() {
        return user + "@" + address() + " paths " + paths + (privateKey == null ? "" : " key " + privateKey);
    }
}
