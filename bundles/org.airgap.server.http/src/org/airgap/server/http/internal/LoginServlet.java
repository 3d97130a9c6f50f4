package org.airgap.server.http.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletResponse;

import org.airgap.protocol.Api;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.server.core.LoginRecord.Outcome;
import org.airgap.server.core.LoginSettings;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/login}: a {@link LoginRequest} opens a session; answers its {@link LoginResponse}.
 * The body is refused beyond {@link #MAX_BODY_BYTES} before it is parsed, a password beyond
 * {@link LoginSettings#MAX_PASSWORD_LENGTH} characters before it is hashed; too many failures of the
 * user or from the address answer 429 ({@link LoginThrottle}), too many logins at once 503
 * ({@link LoginGate}). Every attempt goes to the log and the server's audit trail.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.LOGIN)
public class LoginServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    static final int MAX_BODY_BYTES = 4 * 1024;
    static final int TOO_MANY_REQUESTS = 429;

    @Activate
    public LoginServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        String address = exchange.request().getRemoteAddr();
        LoginRequest login = exchange.readJson(LoginRequest.class, MAX_BODY_BYTES);
        if (login.user() == null || login.password() == null) {
            record(login.user(), address, Outcome.REFUSED);
            throw new ServerException(Kind.BAD_REQUEST, "a login needs \"user\" and \"password\"");
        }
        if (login.password().length() > LoginSettings.MAX_PASSWORD_LENGTH) {
            record(login.user(), address, Outcome.REFUSED);
            throw new ServerException(Kind.BAD_REQUEST, "the password has " + login.password().length()
                    + " characters; passwords have at most " + LoginSettings.MAX_PASSWORD_LENGTH);
        }
        Optional<Duration> wait = services.loginThrottle().waitBefore(login.user(), address);
        if (wait.isPresent()) {
            record(login.user(), address, Outcome.THROTTLED);
            long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
            refuse(exchange, TOO_MANY_REQUESTS, seconds, "too many failed logins for this user name or from this"
                    + " address: try again in " + seconds + " s (ask an administrator if the password is lost)");
            return;
        }
        if (!services.loginGate().enter()) {
            record(login.user(), address, Outcome.BUSY);
            refuse(exchange, HttpServletResponse.SC_SERVICE_UNAVAILABLE, 1,
                    "the server is busy with other logins: try again in a moment");
            return;
        }
        char[] password = login.password().toCharArray();
        try {
            LoginResponse session = services.sessions().login(login.user(), password);
            services.loginThrottle().succeeded(login.user());
            record(login.user(), address, Outcome.SUCCEEDED);
            // The laptop pins the signing key at its first login and checks the sync's signatures with it.
            exchange.sendOk(session.withSigningKey(services.signingKey().publicKey()));
        } catch (ServerException e) {
            if (e.kind() == Kind.UNAUTHORIZED) {
                services.loginThrottle().failed(login.user(), address);
                record(login.user(), address, Outcome.FAILED);
            }
            throw e;
        } finally {
            services.loginGate().leave();
            Arrays.fill(password, (char) 0);
        }
    }

    private static void refuse(Exchange exchange, int status, long retryAfterSeconds, String error) throws IOException {
        exchange.response().setHeader("Retry-After", Long.toString(retryAfterSeconds));
        exchange.sendError(status, error, null);
    }

    private void record(String user, String address, Outcome outcome) {
        String shown = user == null ? "" : user.replaceAll("\\p{Cntrl}", "?");
        LOG.info("login of user '" + (shown.length() > 64 ? shown.substring(0, 64) + "…" : shown) + "' from "
                + address + ": " + outcome);
        services.repository().recordLogin(user, address, outcome);
    }
}
