package org.airgap.server.http.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.airgap.compare.CompareEngine;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.server.core.SessionManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * What the endpoints share: the core services, the access rules and the upload area. One component, so
 * that each servlet needs one reference and all of them see the same upload state and locks.
 */
@Component(service = ApiServices.class)
public final class ApiServices {

    /** The longest time between two looks for abandoned uploads. */
    private static final Duration MAX_EXPIRY_PERIOD = Duration.ofHours(1);

    private final SessionManager sessions;
    private final ServerRepository repository;
    private final CompareEngine compare;
    private final Access access;
    private final UploadArea uploads;
    private final LoginThrottle loginThrottle;
    private final LoginGate loginGate = LoginGate.forThisMachine();
    private final ScheduledExecutorService expiry;
    private final BlobClaims claims;
    private final UploadGuard uploadGuard;
    private final ScheduledGc scheduledGc;
    /**
     * Called with the snapshot of a version archive once it is held for gc, before its first byte is sent:
     * a seam for tests of gc beside downloads.
     */
    volatile Consumer<String> archiveHeld = snapshotId -> {
    };

    /** The server's signing key, loaded at the first answer that needs it. Guarded by this. */
    private ServerSigningKey signingKey;

    @Activate
    public ApiServices(@Reference SessionManager sessions, @Reference ServerRepository repository,
            @Reference CompareEngine compare) throws IOException {
        this.sessions = sessions;
        this.repository = repository;
        this.compare = compare;
        this.access = new Access(repository);
        ServerSettings settings = repository.settings();
        this.uploads = new UploadArea(settings.uploadsDirectory(), repository.store(), settings.partExpiry(),
                settings.maxPendingBytesPerUser(), Clock.systemUTC());
        this.loginThrottle = new LoginThrottle(settings.login(), Clock.systemUTC());
        this.claims = new BlobClaims(settings.uploadsDirectory(), access, repository.store());
        this.expiry = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "airgap-upload-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long period = expiryPeriod(settings.partExpiry()).toMillis();
        expiry.scheduleWithFixedDelay(this::expireAbandonedUploads, period, period, TimeUnit.MILLISECONDS);
        this.uploadGuard = new UploadGuard(uploads, access);
        this.scheduledGc = ScheduledGc.start(repository, uploadGuard);
    }

    /** A quarter of the expiry, so that a part lives at most 25 % longer; within a second and an hour. */
    static Duration expiryPeriod(Duration partExpiry) {
        Duration quarter = partExpiry.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(MAX_EXPIRY_PERIOD) > 0 ? MAX_EXPIRY_PERIOD : quarter;
    }

    private void expireAbandonedUploads() {
        try {
            int deleted = uploads.expireAbandoned();
            if (deleted > 0) {
                Logger.getLogger("org.airgap.server.http").info("deleted " + deleted
                        + " part(s) or pending run(s) of uploads abandoned for longer than server.ini partExpiry");
            }
        } catch (IOException | RuntimeException e) {
            Logger.getLogger("org.airgap.server.http").log(Level.WARNING, "could not expire abandoned uploads", e);
        }
    }

    @Deactivate
    void stop() {
        expiry.shutdownNow();
        scheduledGc.stop();
    }

    SessionManager sessions() {
        return sessions;
    }

    ServerRepository repository() {
        return repository;
    }

    CompareEngine compare() {
        return compare;
    }

    Access access() {
        return access;
    }

    UploadArea uploads() {
        return uploads;
    }

    LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    LoginGate loginGate() {
        return loginGate;
    }

    BlobClaims claims() {
        return claims;
    }

    UploadGuard uploadGuard() {
        return uploadGuard;
    }

    /**
     * The data directory's signing key ({@code airgap-server init} creates it; the server refuses to start
     * without it).
     *
     * @throws IOException naming the file when it is missing or unreadable (a 500 answer)
     */
    synchronized ServerSigningKey signingKey() throws IOException {
        if (signingKey == null) {
            signingKey = ServerSigningKey.load(repository.settings().dataDirectory());
        }
        return signingKey;
    }

    /** server.ini {@code [Client] offlineLoginDays}, read at each sync so that a change needs no restart. */
    Duration offlineLoginValidity() throws IOException {
        try {
            return Duration.ofDays(ServerIni.offlineLoginDays(repository.settings().dataDirectory()));
        } catch (ServerIniException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
