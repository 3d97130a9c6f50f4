package org.airgap.server.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.OpenSession;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSession;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.SessionManager;
import org.airgap.server.core.SessionRefusedException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sessions in memory: a token is this server start's random instance id, a dot, and 32 random bytes
 * (Base64url), so a token of an earlier start is recognised and refused as such. Tokens that ended
 * (logged out, idle, expired) are remembered, up to a bound, to tell the client why.
 */
@Component(service = SessionManager.class)
public class InMemorySessionManager implements SessionManager {

    static final String WRONG_LOGIN = "wrong user name or password";
    private static final int REMEMBERED_ENDED_TOKENS = 10_000;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @Reference
    private ServerRepository repository;

    @Reference
    private ServerSettings settings;

    private final Clock clock;
    private final String instanceId = BASE64URL.encodeToString(Passwords.randomBytes(9));
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, SessionEndReason> ended = Collections.synchronizedMap(
            new LinkedHashMap<String, SessionEndReason>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SessionEndReason> eldest) {
                    return size() > REMEMBERED_ENDED_TOKENS;
                }
            });

    /** One open session; {@code lastActivity} moves with each request. */
    private static final class Session {
        final UserInfo user;
        final Instant started;
        final OfflineVerifier verifier;
        volatile Instant lastActivity;

        Session(UserInfo user, Instant started, OfflineVerifier verifier) {
            this.user = user;
            this.started = started;
            this.verifier = verifier;
            this.lastActivity = started;
        }
    }

    public InMemorySessionManager() {
        this.clock = Clock.systemUTC();
    }

    InMemorySessionManager(ServerRepository repository, ServerSettings settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
    }

    @Activate
    void activate() {
        // Nothing to load: sessions never outlive a server start.
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public LoginResponse login(String user, char[] password) throws ServerException {
        Optional<UserInfo> checked = user == null ? Optional.empty() : repository.checkPassword(user, password);
        if (checked.isEmpty()) {
            throw new ServerException(Kind.UNAUTHORIZED, WRONG_LOGIN);
        }
        UserInfo account = checked.get();
        Passwords.Hash offline = Passwords.hash(password, settings.passwordIterations());
        OfflineVerifier verifier = new OfflineVerifier(account.name(), account.role(), Passwords.ALGORITHM,
                offline.iterations(), Base64.getEncoder().encodeToString(offline.salt()),
                Base64.getEncoder().encodeToString(offline.hash()));
        Instant now = clock.instant();
        endStaleSessions(now);
        String token = instanceId + "." + BASE64URL.encodeToString(Passwords.randomBytes(32));
        sessions.put(token, new Session(account, now, verifier));
        // A user disabled while their password was being checked: the disabling ended the sessions it saw,
        // so this one is ended here.
        if (!repository.refusedLogins(List.of(account.name())).isEmpty()) {
            end(token, SessionEndReason.DISABLED);
            throw new ServerException(Kind.UNAUTHORIZED, WRONG_LOGIN);
        }
        return new LoginResponse(token, account.name(), account.role(),
                new SessionPolicy(settings.idleTimeout(), settings.maxSessionLength()), now.plus(settings.idleTimeout()),
                now.plus(settings.maxSessionLength()), instanceId);
    }

    @Override
    public ServerSession authenticate(String token) throws SessionRefusedException {
        if (token == null || token.isBlank()) {
            throw new SessionRefusedException(SessionEndReason.NO_TOKEN);
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new SessionRefusedException(SessionEndReason.UNKNOWN_TOKEN);
        }
        if (!token.substring(0, dot).equals(instanceId)) {
            throw new SessionRefusedException(SessionEndReason.RESTARTED);
        }
        SessionEndReason reason = ended.get(token);
        if (reason != null) {
            throw new SessionRefusedException(reason);
        }
        Session session = sessions.get(token);
        if (session == null) {
            throw new SessionRefusedException(SessionEndReason.UNKNOWN_TOKEN);
        }
        Instant now = clock.instant();
        Optional<SessionEndReason> end = endReason(session, now);
        if (end.isPresent()) {
            end(token, end.get());
            throw new SessionRefusedException(end.get());
        }
        session.lastActivity = now;
        return serverSession(token, session);
    }

    @Override
    public OfflineVerifier offlineVerifier(ServerSession session) {
        Session open = sessions.get(session.token());
        if (open == null) {
            throw new IllegalArgumentException("the session of " + session.user() + " has ended");
        }
        return open.verifier;
    }

    @Override
    public void logout(String token) {
        if (token != null && sessions.containsKey(token)) {
            end(token, SessionEndReason.LOGGED_OUT);
        }
    }

    @Override
    public int endSessions(String user, SessionEndReason reason) {
        int count = 0;
        for (Map.Entry<String, Session> session : sessions.entrySet()) {
            if (session.getValue().user.name().equals(user)) {
                end(session.getKey(), reason);
                count++;
            }
        }
        return count;
    }

    @Override
    public List<OpenSession> openSessions(String askingToken) {
        endStaleSessions(clock.instant());
        return sessions.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Session> open) -> open.getValue().started)
                        .thenComparing(open -> open.getValue().user.name()))
                .map(open -> {
                    Session session = open.getValue();
                    return new OpenSession(session.user.name(), session.user.role(), session.started,
                            session.lastActivity, session.lastActivity.plus(settings.idleTimeout()),
                            session.started.plus(settings.maxSessionLength()), open.getKey().equals(askingToken));
                })
                .toList();
    }

    @Override
    public int endAllSessions(String keepToken, SessionEndReason reason) {
        endStaleSessions(clock.instant()); // those keep their own reason (idle, expired)
        int count = 0;
        for (String token : List.copyOf(sessions.keySet())) {
            if (!token.equals(keepToken) && sessions.containsKey(token)) {
                end(token, reason);
                count++;
            }
        }
        return count;
    }

    private ServerSession serverSession(String token, Session session) {
        return new ServerSession(token, session.user.name(), session.user.role(), session.started,
                session.lastActivity, session.lastActivity.plus(settings.idleTimeout()),
                session.started.plus(settings.maxSessionLength()));
    }

    /** Why the session is over at {@code now}: the absolute limit first, it holds even for an active user. */
    private Optional<SessionEndReason> endReason(Session session, Instant now) {
        if (now.isAfter(session.started.plus(settings.maxSessionLength()))) {
            return Optional.of(SessionEndReason.EXPIRED);
        }
        if (now.isAfter(session.lastActivity.plus(settings.idleTimeout()))) {
            return Optional.of(SessionEndReason.IDLE);
        }
        return Optional.empty();
    }

    private void end(String token, SessionEndReason reason) {
        ended.put(token, reason);
        sessions.remove(token);
    }

    /** Keeps the open sessions bounded by what is really open. */
    private void endStaleSessions(Instant now) {
        sessions.forEach((token, session) -> endReason(session, now).ifPresent(reason -> end(token, reason)));
    }
}
