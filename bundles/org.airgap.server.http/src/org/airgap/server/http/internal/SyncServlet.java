package org.airgap.server.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.airgap.model.Baseline;
import org.airgap.protocol.Api;
import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.ServerSignature;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.SignedVerifier;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerRepository.Definitions;
import org.airgap.server.core.ServerSession;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.ServerSigningKey;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/sync}: what a laptop takes to the plant ({@link PullResponse}): the caller's jobs with their
 * components and folders, the session policy, the offline verifier, per component the latest version and
 * backup to compare with on site, and which of the laptop's other offline logins are refused. The answer is
 * signed with the server's signing key over its exact bytes and the laptop's {@code ?nonce=}; the offline
 * verifier is an {@link OfflineGrant} (with its expiry, server.ini {@code [Client] offlineLoginDays}) signed on
 * its own, so that the laptop can check it again at each offline login (docs/formats.md, "Server signatures").
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.SYNC)
public class SyncServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public SyncServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        ServerSession session = exchange.session();
        ServerRepository repository = services.repository();
        Definitions definitions = services.access().definitions(exchange.user());
        List<Baseline> baselines = new ArrayList<>();
        for (org.airgap.model.Component component : definitions.components()) {
            baselines.add(new Baseline(component.id(), repository.latestVersion(component.id()).orElse(null),
                    repository.latestBackupSnapshot(component.id()).orElse(null)));
        }
        ServerSettings settings = repository.settings();
        SessionPolicy policy = new SessionPolicy(settings.idleTimeout(), settings.maxSessionLength());
        ServerSigningKey key = services.signingKey();
        Instant now = Instant.now();
        OfflineGrant grant = new OfflineGrant(services.sessions().offlineVerifier(session), policy, now,
                now.plus(services.offlineLoginValidity()));
        byte[] grantJson = ProtocolJson.write(grant).getBytes(StandardCharsets.UTF_8);
        SignedVerifier verifier = new SignedVerifier(Base64.getEncoder().encodeToString(grantJson),
                key.sign(ServerSignature.VERIFIER, "", grantJson));
        // The unsigned verifier is no longer sent: the laptop stores only what the server signed.
        exchange.sendSignedOk(new PullResponse(policy, null, definitions.folders(), definitions.components(),
                definitions.jobs(), baselines, now, refusedOfflineLogins(exchange), verifier), key,
                ServerSignature.SYNC, nonce(exchange));
    }

    /** The laptop's nonce, which the signature binds so that an answer recorded earlier cannot be replayed. */
    private static String nonce(Exchange exchange) throws ServerException {
        String nonce = exchange.queryParameter(ServerSignature.NONCE_PARAMETER);
        if (nonce == null) {
            return "";
        }
        if (nonce.length() > ServerSignature.MAX_NONCE_LENGTH || !nonce.matches("[A-Za-z0-9_-]*")) {
            throw new ServerException(ServerException.Kind.BAD_REQUEST, "?" + ServerSignature.NONCE_PARAMETER
                    + "= takes up to " + ServerSignature.MAX_NONCE_LENGTH + " characters of Base64url");
        }
        return nonce;
    }

    /** The most offline logins a laptop asks about in one sync. */
    static final int MAX_OFFLINE_USERS = 200;

    /**
     * Those of the users the laptop keeps offline logins for ({@code ?offline=NAME,…}) who may no longer log
     * in (disabled or gone), so that the laptop deletes their verifiers: a disabled user must not keep
     * logging in offline. Tells the caller no more than a failed login would.
     */
    private List<String> refusedOfflineLogins(Exchange exchange) throws ServerException {
        String offline = exchange.queryParameter(Api.SYNC_OFFLINE_USERS);
        if (offline == null || offline.isEmpty()) {
            return List.of();
        }
        List<String> names = List.of(offline.split(",", -1));
        if (names.size() > MAX_OFFLINE_USERS || names.stream().anyMatch(name -> name.isEmpty() || name.length() > 64)) {
            throw new ServerException(ServerException.Kind.BAD_REQUEST, "?" + Api.SYNC_OFFLINE_USERS + "= names up to "
                    + MAX_OFFLINE_USERS + " users of up to 64 characters, separated by commas");
        }
        return services.repository().refusedLogins(names);
    }
}
