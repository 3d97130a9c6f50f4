package org.airgap.session.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.airgap.audit.AuditAction;
import org.airgap.protocol.Api;
import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.SignedVerifier;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionEvent;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.session.SessionState;
import org.airgap.session.SessionStatus;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SealedFiles;

/**
 * The session service on a workspace: the session lives in {@code <workspace>/session/} so that every
 * process on the workspace sees it; the limits are checked with {@code clock} whenever the session is
 * asked for, and by a timer at the next limit so that listeners learn of the end without being asked.
 */
public class LocalSessionService implements SessionService, AutoCloseable {

    /** User activity is written to disk at most this often (touch() may be called for every key press). */
    public static final Duration ACTIVITY_WRITE_INTERVAL = Duration.ofSeconds(5);

    private static final Duration LOGOUT_TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(LocalSessionService.class.getName());

    private final JobRepository repository;
    private final SessionFiles files;
    /** The sealed pins and offline logins, and what was trusted while the workspace was locked. Guarded by this. */
    private final WorkspaceTrust trust;
    /** The last session, sealed under the workspace's key. */
    private final CurrentSessionFile current;
    private final Clock clock;
    private final List<Consumer<SessionEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private final SignedOfflineLogins signedLogins;

    /** The last session (active or ended), {@code null} before the first login. Guarded by this. */
    private StoredSession stored;
    /** The lastActivity written to disk last. Guarded by this. */
    private Instant writtenActivity;
    private ScheduledFuture<?> limitCheck;
    /** The workspace's data key of the active session. Guarded by this. */
    private final WorkspaceKeyHolder keys;

    public LocalSessionService(JobRepository repository, Clock clock) throws IOException {
        this(repository, clock, OfflineGrants.MIN_ITERATIONS);
    }

    /** @param minIterations the fewest PBKDF2 iterations an offline login accepts (tests use fewer than production) */
    LocalSessionService(JobRepository repository, Clock clock, int minIterations) throws IOException {
        this.repository = repository;
        this.clock = clock;
        this.files = new SessionFiles(repository.location().resolve("session"));
        this.trust = new WorkspaceTrust(repository);
        this.signedLogins = new SignedOfflineLogins(files, trust, minIterations);
        this.current = new CurrentSessionFile(repository, files);
        this.keys = new WorkspaceKeyHolder(repository);
        synchronized (this) {
            keys.restore(); // first: the session file opens only with the key (locked, no session is seen)
            this.stored = current.read(keys.held());
            if (stored == null || stored.state() != SessionState.ACTIVE) {
                keys.forget(); // a key file the end of a session did not get to delete
            }
        }
        this.writtenActivity = stored == null ? null : stored.lastActivity();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "airgap-session-limits");
            thread.setDaemon(true);
            return thread;
        });
        synchronized (this) {
            scheduleLimitCheck();
        }
    }

    /** The session folder, for tests and diagnostics. */
    public java.nio.file.Path folder() {
        return files.folder();
    }

    /** The sealed pins and offline logins as the workspace is now (unlocked while a session holds the key); tests. */
    SealedFiles trustFiles() {
        return trust.files(null);
    }

    // ---- login

    @Override
    public void trustCertificate(URI server, CertificateFingerprint fingerprint) throws IOException {
        LoginErrors.checkServer(server);
        synchronized (this) {
            trust.trustCertificate(server, Objects.requireNonNull(fingerprint, "fingerprint"), clock.instant());
        }
        LOG.log(Level.INFO, "pinned " + fingerprint + " as the certificate of " + KnownServers.key(server));
    }

    @Override
    public ClientSession loginOnline(URI server, String user, char[] password) throws IOException {
        LoginErrors.checkServer(server);
        // The key slot first: the pins are sealed under the key (and PBKDF2 must not count against the idle limit).
        WorkspaceKeyHolder.Opening opening = keys.open(user, password, true, this::heldKey);
        KnownServers known;
        ServerClient client;
        synchronized (this) {
            trust.pinPending(server, opening.key(), clock.instant());
            known = trust.knownServers(opening.key());
            try {
                client = new ServerClient(server, null, known.pinned(server).orElse(null));
            } catch (IllegalArgumentException e) {
                throw new SessionException(SessionException.Kind.NOT_AIRGAP_SERVER, e.getMessage());
            }
        }
        LoginResponse answer;
        try {
            answer = client.postJson(Api.LOGIN, new LoginRequest(user, new String(password)), LoginResponse.class);
        } catch (ServerCallException e) {
            throw LoginErrors.of(e);
        }
        if (answer.token() == null || answer.role() == null || answer.policy() == null
                || answer.policy().idleTimeout() == null || answer.policy().maxSessionLength() == null) {
            throw new SessionException(SessionException.Kind.NOT_AIRGAP_SERVER, "the server at " + server
                    + " answered the login without a token, role or session limits — is it an Airgap server of this version?");
        }
        String name = answer.user() == null ? user : answer.user();
        synchronized (this) {
            known.checkSigningKey(server, answer.signingKey(), clock.instant());
        }
        byte[] key = keys.finish(name.equals(user) ? opening : keys.open(name, password, true, this::heldKey), name,
                password);
        Instant now = clock.instant();
        ClientSession session = new ClientSession(name, answer.role(), true, server, answer.token(), now, now,
                answer.policy().idleTimeout(), answer.policy().maxSessionLength(), client.pin().orElse(null));
        start(session, server.toString(), key);
        return session;
    }

    @Override
    public ClientSession loginOffline(String user, char[] password) throws IOException {
        // The key slot first (its GCM tag checks the password): the offline login is sealed under the key.
        WorkspaceKeyHolder.Opening opening = keys.open(user, password, false, this::heldKey);
        OfflineGrant grant = signedLogins.grant(user, clock.instant(), opening.key());
        if (!OfflineGrants.matches(grant.verifier(), password)) {
            throw new SessionException(SessionException.Kind.WRONG_PASSWORD, LoginErrors.WRONG_PASSWORD);
        }
        byte[] key = keys.finish(opening, user, password);
        Instant now = clock.instant();
        // The role and limits are the signed ones, never the copies beside them in the file.
        ClientSession session = new ClientSession(user, grant.verifier().role(), false, null, null, now, now,
                grant.policy().idleTimeout(), grant.policy().maxSessionLength());
        start(session, "offline", key);
        return session;
    }

    private void start(ClientSession session, String where, byte[] key) throws IOException {
        List<SessionEvent> events = new ArrayList<>();
        synchronized (this) {
            if (stored != null && stored.state() == SessionState.ACTIVE) {
                events.add(end(SessionEndReason.LOGGED_OUT, clock.instant()));
            }
            keys.hold(key); // first: the audit trail and the session file are sealed under the key
            StoredSession next = StoredSession.active(session);
            try {
                if (stored == null) {
                    current.recordUnseenEnd(keys.held());
                }
                audit(session.user(), AuditAction.LOGIN, where, session.online() ? "online" : "offline");
                current.write(next, keys.held());
            } catch (IOException e) {
                keys.forget(); // no session without its LOGIN entry
                throw e;
            }
            stored = next;
            writtenActivity = session.lastActivity();
            scheduleLimitCheck();
        }
        events.add(new SessionEvent(SessionEvent.Type.STARTED, session, null));
        fire(events);
    }

    // ---- state

    @Override
    public Optional<ClientSession> current() {
        return Optional.ofNullable(checkLimits());
    }

    @Override
    public ClientSession require() throws SessionException {
        ClientSession session = checkLimits();
        if (session != null) {
            return session;
        }
        SessionStatus status = status();
        SessionEndReason reason = status.state() == SessionState.ENDED ? status.endReason() : SessionEndReason.NO_TOKEN;
        throw new SessionException(SessionException.Kind.NOT_LOGGED_IN, reason, reason.message(), null);
    }

    @Override
    public SessionStatus status() {
        checkLimits();
        synchronized (this) {
            return stored == null ? SessionStatus.NONE : stored.status();
        }
    }

    /** The active session, after ending it if a limit has passed; {@code null} when none is active. */
    private ClientSession checkLimits() {
        SessionEvent ended = null;
        ClientSession active;
        synchronized (this) {
            if (stored == null || stored.state() != SessionState.ACTIVE) {
                return null;
            }
            ClientSession session = stored.session();
            Instant now = clock.instant();
            Instant idleEnd = session.idleEndsAt();
            Instant absoluteEnd = session.absoluteEndsAt();
            if (now.isBefore(idleEnd) && now.isBefore(absoluteEnd)) {
                return session;
            }
            // The limit reached first is the reason, also when both have passed by now.
            SessionEndReason reason = idleEnd.isBefore(absoluteEnd) ? SessionEndReason.IDLE : SessionEndReason.EXPIRED;
            ended = end(reason, idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd);
            active = null;
        }
        fire(List.of(ended));
        return active;
    }

    /** Ends the active session; the caller holds the lock and fires the returned event outside it. */
    private SessionEvent end(SessionEndReason reason, Instant at) {
        ClientSession session = stored.session();
        stored = stored.ended(reason, at);
        // Recorded while the key is held, before the workspace is locked: nothing is written without it.
        try {
            current.write(stored, keys.held());
        } catch (IOException e) {
            // The session is ended in this process anyway; another process sees the limit pass too.
            LOG.log(Level.WARNING, "cannot record the end of the session in " + files.currentFile() + ": "
                    + e.getMessage());
        }
        cancelLimitCheck();
        try {
            audit(session.user(), AuditAction.LOGOUT, session.online() ? String.valueOf(session.server()) : "offline",
                    reason.name());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot record the end of the session in the audit trail: " + e.getMessage());
        }
        keys.forget();
        return new SessionEvent(SessionEvent.Type.ENDED, session, reason);
    }

    @Override
    public void touch() {
        if (checkLimits() == null) {
            return;
        }
        synchronized (this) {
            if (stored == null || stored.state() != SessionState.ACTIVE) {
                return;
            }
            Instant now = clock.instant();
            stored = StoredSession.active(stored.session().withLastActivity(now));
            if (writtenActivity == null || !now.isBefore(writtenActivity.plus(ACTIVITY_WRITE_INTERVAL))) {
                writeActivity();
            }
        }
    }

    /** Writes the in-memory activity; the caller holds the lock. */
    private void writeActivity() {
        try {
            current.write(stored, keys.held());
            writtenActivity = stored.lastActivity();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot record activity in " + files.currentFile() + ": " + e.getMessage());
        }
    }

    @Override
    public void logout() {
        if (checkLimits() == null) {
            return;
        }
        SessionEvent ended;
        synchronized (this) {
            if (stored == null || stored.state() != SessionState.ACTIVE) {
                return;
            }
            ended = end(SessionEndReason.LOGGED_OUT, clock.instant());
        }
        if (ended.session().online()) {
            tellServerLogout(ended.session());
        }
        fire(List.of(ended));
    }

    /** Ends the token at the server; the network may be gone, and the token dies with its limits anyway. */
    private static void tellServerLogout(ClientSession session) {
        ServerClient client = ServerClient.forSession(session);
        try {
            HttpRequest request = client.request(Api.LOGOUT).timeout(LOGOUT_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            LOG.log(Level.INFO, "logout not sent to the server: " + e.getMessage());
        }
    }

    @Override
    public void endedByServer(ClientSession session, SessionEndReason reason) {
        SessionEvent ended;
        synchronized (this) {
            if (stored == null || stored.state() != SessionState.ACTIVE || stored.token() == null
                    || !stored.token().equals(session.token())) {
                return;
            }
            ended = end(reason, clock.instant());
            if (reason == SessionEndReason.DISABLED) {
                // A disabled account must not go on logging in offline on this laptop.
                try {
                    removeOfflineLogin(session.user());
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not delete the offline login of disabled user " + session.user(), e);
                }
            }
        }
        fire(List.of(ended));
    }

    // ---- offline logins

    @Override
    public synchronized void storeSignedOfflineLogin(SignedVerifier signed) throws IOException {
        signedLogins.store(stored, signed, clock.instant());
    }

    @Override
    public PublicKey pinnedSigningKey(URI server) throws IOException {
        return signedLogins.pinnedKey(server);
    }

    @Override
    public void trustSigningKey(URI server, String fingerprint) throws IOException {
        LoginErrors.checkServer(server);
        String accepted = CertificateFingerprint.parse(fingerprint).value();
        synchronized (this) {
            trust.trustSigningKey(server, accepted, clock.instant());
        }
        LOG.log(Level.INFO, "accepting the signing key " + accepted + " of " + KnownServers.key(server)
                + " at the next login");
    }

    @Override
    public void requireCurrentSync(String user) throws IOException {
        signedLogins.grant(user, clock.instant(), null);
    }

    @Override
    @Deprecated
    public synchronized void storeOfflineLogin(OfflineVerifier verifier, SessionPolicy policy) throws IOException {
        signedLogins.storeUnsigned(stored, verifier, policy, clock.instant());
    }

    @Override
    public boolean offlineLoginAvailable(String user) {
        return signedLogins.available(user);
    }

    @Override
    public List<String> offlineLoginUsers() throws IOException {
        return signedLogins.users();
    }

    @Override
    public synchronized boolean removeOfflineLogin(String user) throws IOException {
        return Files.deleteIfExists(files.verifierFile(user));
    }

    // ---- listeners and the limit timer

    @Override
    public void addListener(Consumer<SessionEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<SessionEvent> listener) {
        listeners.remove(listener);
    }

    private void fire(List<SessionEvent> events) {
        for (SessionEvent event : events) {
            for (Consumer<SessionEvent> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "session listener " + listener + " failed on " + event.type(), e);
                }
            }
        }
    }

    /**
     * Plans a check at the next limit of the active session; the caller holds the lock. Activity moves the
     * idle limit later: the check then finds the session active and plans the next one.
     */
    private void scheduleLimitCheck() {
        cancelLimitCheck();
        if (stored == null || stored.state() != SessionState.ACTIVE || timer.isShutdown()) {
            return;
        }
        ClientSession session = stored.session();
        Instant next = session.idleEndsAt().isBefore(session.absoluteEndsAt()) ? session.idleEndsAt()
                : session.absoluteEndsAt();
        long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis()) + 1;
        limitCheck = timer.schedule(() -> {
            if (checkLimits() != null) {
                synchronized (this) {
                    scheduleLimitCheck();
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelLimitCheck() {
        if (limitCheck != null) {
            limitCheck.cancel(false);
            limitCheck = null;
        }
    }

    private void audit(String user, AuditAction action, String subject, String details) throws IOException {
        repository.audit().append(user, action, subject, details);
    }

    /** A copy of the key the active session holds, or {@code null}. */
    private byte[] heldKey() {
        checkLimits();
        synchronized (this) {
            return stored == null || stored.state() != SessionState.ACTIVE ? null : keys.held();
        }
    }

    /** Writes activity not written yet and stops the timer. */
    @Override
    public void close() {
        synchronized (this) {
            if (stored != null && stored.state() == SessionState.ACTIVE && !stored.lastActivity().equals(writtenActivity)) {
                writeActivity();
            }
            cancelLimitCheck();
        }
        timer.shutdownNow();
    }
}
