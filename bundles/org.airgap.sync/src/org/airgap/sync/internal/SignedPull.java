package org.airgap.sync.internal;

import java.io.IOException;
import java.io.InputStream;
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

    /**
     * The largest sync answer the laptop takes: it holds the whole answer in memory to check its signature
     * before it uses any of it. A plant of 5,000 jobs on 1,000 devices, each with its latest version, answers
     * about 3 MiB (SyncAnswerSizeTest measures it); the limit is 20 times that.
     */
    static final int MAX_ANSWER_BYTES = 64 << 20;
    /** How {@link #MAX_ANSWER_BYTES} reads in messages. */
    private static final String MAX_ANSWER_SIZE = "64 MiB";
    /** Enough of an error answer for its message. */
    private static final int MAX_ERROR_BYTES = 1 << 20;
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
        String server = String.valueOf(calls.session().server());
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = calls.client().send(calls.client().request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                byte[] error = read(calls, response, MAX_ERROR_BYTES);
                throw calls.client().failure(response.statusCode(),
                        error == null ? "" : new String(error, StandardCharsets.UTF_8), response);
            }
            body = read(calls, response, MAX_ANSWER_BYTES);
        } catch (ServerCallException e) {
            throw calls.failure(e, "the server refused the sync");
        }
        if (body == null) {
            throw refused("the sync answer from " + server + " is larger than " + MAX_ANSWER_SIZE + ", the most this"
                    + " laptop accepts (a plant's jobs, components and baselines take far less): refused unread, nothing"
                    + " stored, the laptop keeps what it had. Tell your administrator: the server or something between it"
                    + " and this laptop sends more than a sync answer");
        }
        String signature = response.headers().firstValue(ServerSignature.SIGNATURE_HEADER).orElse(null);
        if (!ServerSignature.verifies(key, ServerSignature.SYNC, nonce, body, signature)) {
            throw refused("the sync answer from " + server + " (its jobs, components and baselines) is "
                    + (signature == null ? "not signed" : "not signed by the server's signing key pinned on this laptop")
                    + ": refused, nothing stored, the laptop keeps what it had. Someone between this laptop and the"
                    + " server may have changed it: tell your administrator");
        }
        PullResponse pulled;
        try {
            pulled = ProtocolJson.read(new String(body, StandardCharsets.UTF_8), PullResponse.class);
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

    /**
     * The answer's body, at most {@code limit} bytes; {@code null} when it declares or sends more, then the
     * connection is closed at once rather than read to its end.
     */
    private static byte[] read(ServerCalls calls, HttpResponse<InputStream> response, int limit) throws IOException {
        try (InputStream in = response.body()) {
            if (response.headers().firstValueAsLong("content-length").orElse(0) > limit) {
                return null;
            }
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        } catch (IOException e) {
            throw calls.client().unreachable(e);
        }
    }

    private static SyncException refused(String message) {
        return new SyncException(200, message, null);
    }
}
