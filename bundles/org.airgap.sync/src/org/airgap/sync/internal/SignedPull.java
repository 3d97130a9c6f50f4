package org.airgap.sync.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;

import org.airgap.protocol.Api;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.ServerSignature;
import org.airgap.session.SessionService;
import org.airgap.session.http.ServerCallException;
import org.airgap.sync.SyncException;

import com.google.gson.JsonParseException;

/**
 * GET /api/sync, checked before anything of it is used (docs/formats.md, "Server signatures"): the answer's exact
 * bytes must carry the signature of the server's signing key pinned on this laptop over them and this request's
 * random nonce, and the offline login in it the signature of the same key. Anything else is refused naming what,
 * and the caller stores nothing.
 */
final class SignedPull {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SignedPull() {
    }

    /** @param offlineQuery {@code offline=NAME,…} or empty */
    static PullResponse fetch(ServerCalls calls, SessionService sessions, String offlineQuery) throws IOException {
        PublicKey key = sessions.pinnedSigningKey(calls.session().server());
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String path = Api.SYNC + "?" + ServerSignature.NONCE_PARAMETER + "=" + nonce
                + (offlineQuery.isEmpty() ? "" : "&" + offlineQuery);
        HttpResponse<byte[]> response;
        try {
            response = calls.client().send(calls.client().request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw calls.client().failure(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                        response);
            }
        } catch (ServerCallException e) {
            throw calls.failure(e, "the server refused the sync");
        }
        String server = String.valueOf(calls.session().server());
        String signature = response.headers().firstValue(ServerSignature.SIGNATURE_HEADER).orElse(null);
        if (!ServerSignature.verifies(key, ServerSignature.SYNC, nonce, response.body(), signature)) {
            throw refused("the sync answer from " + server + " (its jobs, components and baselines) is "
                    + (signature == null ? "not signed" : "not signed by the server's signing key pinned on this laptop")
                    + ": refused, nothing stored, the laptop keeps what it had. Someone between this laptop and the"
                    + " server may have changed it: tell your administrator");
        }
        PullResponse pulled;
        try {
            pulled = ProtocolJson.read(new String(response.body(), StandardCharsets.UTF_8), PullResponse.class);
        } catch (JsonParseException e) {
            throw refused("the sync answer from " + server + " is signed but not readable by this version of Airgap ("
                    + e.getMessage() + "): nothing stored");
        }
        if (pulled.signedVerifier() != null) {
            byte[] grant;
            try {
                grant = Base64.getDecoder().decode(String.valueOf(pulled.signedVerifier().payload()));
            } catch (IllegalArgumentException e) {
                grant = new byte[0];
            }
            if (!ServerSignature.verifies(key, ServerSignature.VERIFIER, "", grant,
                    pulled.signedVerifier().signature())) {
                throw refused("the offline login in the sync answer from " + server + " is not signed by the server's"
                        + " signing key pinned on this laptop: refused, nothing stored");
            }
        }
        return pulled;
    }

    private static SyncException refused(String message) {
        return new SyncException(200, message, null);
    }
}
