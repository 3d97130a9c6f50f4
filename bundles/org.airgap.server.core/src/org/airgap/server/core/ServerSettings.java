package org.airgap.server.core;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A server data directory and what its {@code server.ini} says (docs/server.md, "server.ini"). The
 * server application registers the settings it started with as an OSGi service; the repository and the
 * session manager activate only once it is there.
 *
 * @param passwordIterations     PBKDF2 iterations for new password hashes ({@code server.ini} allows no fewer
 *                               than {@link ServerIni#MIN_PASSWORD_ITERATIONS}; tests use fewer to run quickly)
 * @param partExpiry             how long a part of an abandoned upload is kept after its last chunk
 * @param maxPendingBytesPerUser the most bytes of unfinished blob uploads one user may have on the server
 * @param login                  password length and login throttling rules
 * @param tls                    the keystore the server's HTTPS uses, or plain HTTP on loopback
 */
public record ServerSettings(Path dataDirectory, String host, int port, Duration idleTimeout,
        Duration maxSessionLength, int passwordIterations, long maxUploadBytes, Duration partExpiry,
        long maxPendingBytesPerUser, LoginSettings login, TlsSettings tls) {

    public static final String INI_FILE = "server.ini";

    /** The settings with HTTPS on the keystore {@code airgap-server init} generates (docs/server.md, "TLS"). */
    public ServerSettings(Path dataDirectory, String host, int port, Duration idleTimeout, Duration maxSessionLength,
            int passwordIterations, long maxUploadBytes, Duration partExpiry, long maxPendingBytesPerUser,
            LoginSettings login) {
        this(dataDirectory, host, port, idleTimeout, maxSessionLength, passwordIterations, maxUploadBytes, partExpiry,
                maxPendingBytesPerUser, login, TlsSettings.generated(dataDirectory));
    }

    /** The settings with the default upload limits (docs/server.md) and {@link LoginSettings}. */
    public ServerSettings(Path dataDirectory, String host, int port, Duration idleTimeout, Duration maxSessionLength,
            int passwordIterations, long maxUploadBytes) {
        this(dataDirectory, host, port, idleTimeout, maxSessionLength, passwordIterations, maxUploadBytes,
                LoginSettings.DEFAULTS);
    }

    /** The settings with the default upload part expiry and pending-bytes limit (docs/server.md). */
    public ServerSettings(Path dataDirectory, String host, int port, Duration idleTimeout, Duration maxSessionLength,
            int passwordIterations, long maxUploadBytes, LoginSettings login) {
        this(dataDirectory, host, port, idleTimeout, maxSessionLength, passwordIterations, maxUploadBytes,
                ServerIni.DEFAULT_PART_EXPIRY, ServerIni.defaultMaxPendingBytes(maxUploadBytes), login);
    }

    /** The settings with the default {@link LoginSettings}. */
    public ServerSettings(Path dataDirectory, String host, int port, Duration idleTimeout, Duration maxSessionLength,
            int passwordIterations, long maxUploadBytes, Duration partExpiry, long maxPendingBytesPerUser) {
        this(dataDirectory, host, port, idleTimeout, maxSessionLength, passwordIterations, maxUploadBytes,
                partExpiry, maxPendingBytesPerUser, LoginSettings.DEFAULTS);
    }

    public Path iniFile() {
        return dataDirectory.resolve(INI_FILE);
    }

    /** The H2 metadata database (without H2's ".mv.db" suffix). */
    public Path databaseFile() {
        return dataDirectory.resolve("db").resolve("airgap");
    }

    /** The content-addressed store of blobs and manifests. */
    public Path storeDirectory() {
        return dataDirectory.resolve("store");
    }

    /**
     * With the content store in S3 ({@code server.ini [Store]}): where content waits on this node's disk until
     * it is uploaded.
     */
    public Path storeSpoolDirectory() {
        return dataDirectory.resolve("s3-spool");
    }

    /** Partly received blobs and pending run manifests, until their run is committed. */
    public Path uploadsDirectory() {
        return dataDirectory.resolve("uploads");
    }

    public Path logFile() {
        return dataDirectory.resolve("logs").resolve("airgap-server.log");
    }
}
