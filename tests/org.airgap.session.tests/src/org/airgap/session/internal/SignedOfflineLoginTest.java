package org.airgap.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.Role;
import org.airgap.protocol.ServerSignature;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.SignedVerifier;
import org.airgap.session.SessionException;
import org.airgap.session.SessionStatus;
import org.junit.jupiter.api.Test;

/**
 * Offline logins trust only what the server signed: a forged, a modified, an expired verifier, one with too few
 * PBKDF2 iterations and one stored by an earlier version are each refused with a message naming it, and nothing
 * starts; job runs are refused the same way once the verifier expired.
 */
class SignedOfflineLoginTest extends SessionOnWorkspace {

    private static final String PASSWORD = "Plant-2026!";

    @Test
    void aVerifierSignedByTheServerLetsInWithItsSignedRoleAndLimits() throws Exception {
        storeSigned(grant("anna", Role.TECHNICIAN, clock.instant().plus(Duration.ofDays(30))));

        assertEquals(Role.TECHNICIAN, sessions.loginOffline("anna", PASSWORD.toCharArray()).role());
        sessions.requireCurrentSync("anna");
    }

    @Test
    void aForgedVerifierForAnyUserWithAdminRoleAndTenYearLimitsIsRefused() throws Exception {
        storeSigned(grant("anna", Role.TECHNICIAN, clock.instant().plus(Duration.ofDays(30)))); // pins the real key
        OfflineGrant forged = new OfflineGrant(Verifiers.of("mallory", Role.ADMIN, "chosen"),
                new SessionPolicy(Duration.ofDays(3650), Duration.ofDays(3650)), clock.instant(),
                clock.instant().plus(Duration.ofDays(3650)));
        Verifiers.store(sessions, forged, Verifiers.sign(forged, Verifiers.newKey().getPrivate()));

        SessionException refused = refused("mallory", "chosen");

        assertTrue(refused.getMessage().startsWith("the offline login for mallory on this laptop is not signed by the"
                + " server's signing key pinned on this laptop (forged or modified): refused"), refused.getMessage());
        assertThrows(SessionException.class, () -> sessions.requireCurrentSync("mallory"));
    }

    @Test
    void aModifiedVerifierIsRefusedAndTheUnsignedCopiesBesideItAreNeverUsed() throws Exception {
        OfflineGrant grant = grant("anna", Role.TECHNICIAN, clock.instant().plus(Duration.ofDays(30)));
        SignedVerifier signed = Verifiers.sign(grant, Verifiers.SERVER_KEY.getPrivate());
        String json = new String(Base64.getDecoder().decode(signed.payload()), StandardCharsets.UTF_8);
        String admin = json.replace("\"TECHNICIAN\"", "\"ADMIN\"");
        assertTrue(!admin.equals(json), json);
        Verifiers.store(sessions, grant, new SignedVerifier(Base64.getEncoder().encodeToString(
                admin.getBytes(StandardCharsets.UTF_8)), signed.signature()));

        SessionException refused = refused("anna", PASSWORD);
        assertTrue(refused.getMessage().contains("(forged or modified): refused"), refused.getMessage());

        // The copies of role and limits in the file are for listing only: editing them changes nothing.
        Verifiers.store(sessions, new OfflineGrant(withRole(grant.verifier(), Role.ADMIN),
                new SessionPolicy(Duration.ofDays(3650), Duration.ofDays(3650)), grant.issued(), grant.expires()), signed);
        var session = sessions.loginOffline("anna", PASSWORD.toCharArray());
        assertEquals(Role.TECHNICIAN, session.role());
        assertEquals(POLICY.maxSessionLength(), session.absoluteLimit());
    }

    @Test
    void anExpiredVerifierIsRefusedForLoginsAndJobRunsUntilTheNextSync() throws Exception {
        Instant expires = clock.instant().plus(Duration.ofDays(30));
        storeSigned(grant("anna", Role.TECHNICIAN, expires));
        clock.advance(Duration.ofDays(30));

        SessionException refused = refused("anna", PASSWORD);

        assertEquals("the offline login for anna on this laptop expired at " + expires + " (server.ini [Client]"
                + " offlineLoginDays after the sync of " + clock.instant().minus(Duration.ofDays(30)) + "): log in"
                + " online and sync to renew it; until then offline logins and job runs are refused",
                refused.getMessage());
        assertEquals(refused.getMessage(), assertThrows(SessionException.class,
                () -> sessions.requireCurrentSync("anna")).getMessage());
    }

    @Test
    void aVerifierWithFewerIterationsThanTheMinimumIsRefusedEvenWhenSigned() throws Exception {
        sessions.close();
        sessions = new LocalSessionService(workspace, clock); // the production minimum, 600,000
        storeSigned(grant("anna", Role.TECHNICIAN, clock.instant().plus(Duration.ofDays(30))));

        SessionException refused = refused("anna", PASSWORD);

        assertEquals("the offline login for anna on this laptop uses " + Verifiers.ITERATIONS + " PBKDF2 iterations,"
                + " fewer than the 600000 this version of Airgap requires: log in online and sync", refused.getMessage());
    }

    @Test
    void aVerifierStoredByAnEarlierVersionWithoutSignatureSaysToLogInOnlineOnce() throws Exception {
        storeSigned(grant("anna", Role.TECHNICIAN, clock.instant().plus(Duration.ofDays(30)))); // a key is pinned
        sessions.storeOfflineLogin(Verifiers.of("anna", Role.TECHNICIAN, PASSWORD), POLICY);

        SessionException refused = refused("anna", PASSWORD);

        assertEquals("the offline login for anna on this laptop was stored by an earlier version of Airgap, without"
                + " the server's signature: log in online once (and sync) to renew it", refused.getMessage());
    }

    @Test
    void aSignedVerifierNeedsTheSigningKeyOfItsServerPinned() throws Exception {
        storeSigned(grant("anna", Role.TECHNICIAN, clock.instant().plus(Duration.ofDays(30))));
        Files.delete(workspace.location().resolve(KnownServers.FILE));

        assertTrue(refused("anna", PASSWORD).getMessage().startsWith("no signing key of " + Verifiers.SERVER
                + " is pinned on this laptop"));
    }

    private OfflineGrant grant(String user, Role role, Instant expires) throws Exception {
        return new OfflineGrant(Verifiers.of(user, role, PASSWORD), POLICY, clock.instant(), expires);
    }

    private void storeSigned(OfflineGrant grant) throws Exception {
        Verifiers.store(sessions, grant, Verifiers.sign(grant, Verifiers.SERVER_KEY.getPrivate()));
    }

    private SessionException refused(String user, String password) {
        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOffline(user, password.toCharArray()));
        assertEquals(SessionException.Kind.NO_OFFLINE_LOGIN, refused.kind());
        assertEquals(SessionStatus.NONE, sessions.status(), "no session started");
        return refused;
    }

    private static OfflineVerifier withRole(OfflineVerifier verifier, Role role) {
        return new OfflineVerifier(verifier.user(), role, verifier.algorithm(), verifier.iterations(), verifier.salt(),
                verifier.hash());
    }

    @Test
    void aChangedSigningKeyIsRefusedNamingBothUntilTheTechnicianAcceptsTheNewOne() throws Exception {
        KnownServers known = new KnownServers(workspace.location());
        String first = ServerSignature.encode(Verifiers.newKey().getPublic());
        String second = ServerSignature.encode(Verifiers.newKey().getPublic());
        known.checkSigningKey(Verifiers.SERVER, first, clock.instant());

        SessionException refused = assertThrows(SessionException.class,
                () -> known.checkSigningKey(Verifiers.SERVER, second, clock.instant()));

        assertEquals(SessionException.Kind.SIGNING_KEY_CHANGED, refused.kind());
        assertTrue(refused.getMessage().contains("(trusted " + ServerSignature.fingerprint(first) + ", presented "
                + ServerSignature.fingerprint(second) + ")"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("airgap login --server " + Verifiers.SERVER + " --user NAME"
                + " --trust-signing-key " + ServerSignature.fingerprint(second)), refused.getMessage());
        assertEquals(first, known.signingKey(Verifiers.SERVER).orElseThrow(), "nothing changed");

        sessions.trustSigningKey(Verifiers.SERVER, ServerSignature.fingerprint(second));
        assertThrows(SessionException.class, () -> known.checkSigningKey(Verifiers.SERVER, first, clock.instant()),
                "once another key is accepted, the old one is not taken either");
        known.checkSigningKey(Verifiers.SERVER, second, clock.instant());
        assertEquals(second, known.signingKey(Verifiers.SERVER).orElseThrow());
        known.checkSigningKey(Verifiers.SERVER, second, clock.instant());
    }
}
