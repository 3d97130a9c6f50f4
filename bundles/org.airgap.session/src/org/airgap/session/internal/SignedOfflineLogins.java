package org.airgap.session.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.ServerSignature;
import org.airgap.protocol.SignedVerifier;
import org.airgap.session.SessionException;
import org.airgap.session.SessionState;
import org.airgap.store.StoreException;

/**
 * The offline logins in {@code session/verifier-NAME.json}, trusted only as the server signed them
 * (docs/formats.md, "Server signatures"): each is checked against the signing key pinned for the server it came
 * from, when a sync stores it and whenever it is used (an offline login, a job run).
 */
final class SignedOfflineLogins {

    private final SessionFiles files;
    private final WorkspaceTrust trust;
    private final int minIterations;

    SignedOfflineLogins(SessionFiles files, WorkspaceTrust trust, int minIterations) {
        this.files = files;
        this.trust = trust;
        this.minIterations = minIterations;
    }

    /**
     * The user's stored offline login, checked: signed by the signing key pinned for the server it came from, for
     * this user, enough iterations, not expired at {@code now}. Read with {@code key} (a login's, before the unlock)
     * or, {@code null}, as the workspace is now.
     *
     * @throws SessionException NO_OFFLINE_LOGIN naming what is refused
     */
    OfflineGrant grant(String user, Instant now, byte[] key) throws IOException {
        OfflineLogin login = read(user, key)
                .filter(stored -> stored.verifier() != null && user.equals(stored.verifier().user()))
                .orElseThrow(() -> new SessionException(SessionException.Kind.NO_OFFLINE_LOGIN, "no offline login for "
                        + user + " on this laptop: log in online and sync first"));
        if (login.signed() == null || login.server() == null) {
            throw new SessionException(SessionException.Kind.NO_OFFLINE_LOGIN, "the offline login for " + user
                    + " on this laptop was stored by an earlier version of Airgap, without the server's signature:"
                    + " log in online once (and sync) to renew it");
        }
        URI server = URI.create(login.server());
        PublicKey signingKey = trust.knownServers(key).signingKey(server).map(ServerSignature::publicKey).orElseThrow(
                () -> new SessionException(SessionException.Kind.NO_OFFLINE_LOGIN, "no signing key of " + server
                        + " is pinned on this laptop, so the offline login for " + user + " cannot be checked:"
                        + " log in online once (and sync)"));
        OfflineGrant grant = OfflineGrants.open(login.signed(), signingKey, "the offline login for " + user
                + " on this laptop");
        OfflineGrants.check(grant, user, now, minIterations);
        return grant;
    }

    /**
     * Stores the offline login a sync of the {@code current} online session received, once checked like
     * {@link #grant}; nothing is stored when it is refused.
     */
    void store(StoredSession current, SignedVerifier signed, Instant now) throws IOException {
        if (current == null || current.state() != SessionState.ACTIVE || !current.online() || current.server() == null) {
            throw new SessionException(SessionException.Kind.OFFLINE, "an offline login is stored only from the sync"
                    + " of an online session");
        }
        URI server = URI.create(current.server());
        OfflineGrant grant = OfflineGrants.open(signed, pinnedKey(server), "the offline login in the sync answer of "
                + server);
        OfflineGrants.check(grant, current.user(), now, minIterations);
        files.write(files.verifierFile(current.user()), new OfflineLogin(current.server(), grant.verifier(),
                grant.policy(), now, signed), trust.files(null));
    }

    /**
     * The signing key pinned for {@code server}.
     *
     * @throws SessionException NOT_LOGGED_IN ("log in online again") when none is pinned
     */
    PublicKey pinnedKey(URI server) throws IOException {
        Optional<String> key = trust.knownServers(null).signingKey(server);
        if (key.isEmpty()) {
            throw new SessionException(SessionException.Kind.NOT_LOGGED_IN, SessionEndReason.UNKNOWN_TOKEN,
                    "no signing key of " + server + " is pinned on this laptop (a session of an earlier version):"
                            + " log in online again", null);
        }
        return ServerSignature.publicKey(key.get());
    }

    /** Stores an unsigned verifier as earlier versions did (offline logins refuse it). */
    void storeUnsigned(StoredSession current, OfflineVerifier verifier, SessionPolicy policy, Instant now)
            throws IOException {
        if (verifier == null || verifier.user() == null || policy == null) {
            throw new IllegalArgumentException("an offline login needs a verifier with its user and a policy");
        }
        String server = current != null && current.server() != null ? current.server() : null;
        files.write(files.verifierFile(verifier.user()), new OfflineLogin(server, verifier, policy, now),
                trust.files(null));
    }

    /** Whether {@code user} has an offline login on this laptop (without opening it: the workspace may be locked). */
    boolean available(String user) {
        return Files.isRegularFile(files.verifierFile(user));
    }

    /** The users with an offline login on this laptop, by the names of their files (the workspace may be locked). */
    List<String> users() throws IOException {
        List<String> users = new ArrayList<>();
        try (Stream<Path> listing = Files.list(files.folder())) {
            listing.sorted().map(files::verifierUser).flatMap(Optional::stream).forEach(users::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return users;
    }

    /** The user's offline login file, opened; a refused file (planted, replaced) is a refused offline login. */
    private Optional<OfflineLogin> read(String user, byte[] key) throws IOException {
        try {
            return files.read(files.verifierFile(user), OfflineLogin.class, trust.files(key));
        } catch (SessionException | StoreException e) {
            throw e;
        } catch (IOException e) {
            throw new SessionException(SessionException.Kind.NO_OFFLINE_LOGIN, null, "the offline login for " + user
                    + " on this laptop is refused: " + e.getMessage(), e);
        }
    }
}
