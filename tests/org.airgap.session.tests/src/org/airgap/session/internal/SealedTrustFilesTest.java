package org.airgap.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.protocol.ServerSignature;
import org.airgap.session.SessionException;
import org.airgap.store.StoreKeys;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.LaptopIdentity;
import org.airgap.workspace.SealedFiles;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The trust files of an encrypted workspace — the pins ({@code known-servers.json}), the offline logins and the
 * laptop's key — are sealed under its data key: a workspace of the previous layout (encrypted, these plain) is
 * sealed at the next login and logins go on working; from then on a pins file replaced by a plain or another
 * sealed file, and a planted plain offline login or laptop key, are refused naming the file — also when the plain
 * marker {@code trust-sealed} of the previous version was deleted: the sealed layout is recorded in {@code keys.json},
 * authenticated by the data key.
 */
class SealedTrustFilesTest extends SessionOnWorkspace {

    private static final String PASSWORD = "Plant-2026!";

    private Path location;
    private LaptopIdentity laptop;

    /** Key slots with the fewest PBKDF2 iterations a slot may have, for the tests' speed. */
    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = new SystemProperty("airgap.keyslot.iterations",
            String.valueOf(WorkspaceKeys.MIN_ITERATIONS));

    /**
     * The previous layout: the workspace was encrypted (key slots) while its offline login, pins and laptop key
     * stayed plain.
     */
    @BeforeEach
    void previousLayout() throws Exception {
        location = workspace.location();
        Verifiers.store(sessions, Verifiers.of("anna", Role.TECHNICIAN, PASSWORD), POLICY);
        laptop = workspace.laptopIdentity("anna");
        sessions.close();
        workspace.close();
        WorkspaceKeys.of(location).create("anna", PASSWORD.toCharArray());
        reopen();
        for (Path file : trustFiles()) {
            assertFalse(StoreKeys.isSealed(Files.readAllBytes(file)), file + " is plain in the previous layout");
        }
    }

    private List<Path> trustFiles() {
        return List.of(location.resolve(KnownServers.FILE), location.resolve(SealedFiles.LAPTOP_KEY),
                sessions.folder().resolve("verifier-anna.json"));
    }

    private void reopen() throws IOException {
        workspace = Workspace.open(location);
        sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS);
    }

    private void loginAndLogout() throws IOException {
        assertEquals(Role.TECHNICIAN, sessions.loginOffline("anna", PASSWORD.toCharArray()).role());
        sessions.logout();
    }

    @Test
    void thePreviousLayoutIsSealedAtTheNextLoginAndLoginsAndTheLaptopKeyStillWork() throws Exception {
        assertEquals(Role.TECHNICIAN, sessions.loginOffline("anna", PASSWORD.toCharArray()).role());

        for (Path file : trustFiles()) {
            assertTrue(StoreKeys.isSealed(Files.readAllBytes(file)), file + " is sealed");
        }
        assertTrue(WorkspaceKeys.of(location).trustSealed(WorkspaceKeys.of(location).unlock("anna",
                PASSWORD.toCharArray())), "keys.json records the sealed layout, authenticated by the key");
        assertEquals(laptop, workspace.laptopIdentity("anna"), "the same laptop key, read sealed");
        sessions.requireCurrentSync("anna");
        sessions.logout();

        sessions.close();
        workspace.close();
        reopen();
        loginAndLogout();
        assertThrows(IOException.class, () -> workspace.laptopIdentity("anna"), "locked without a session");
    }

    @Test
    void aPinsFileReplacedByAPlainOrAnotherSealedFileIsRefusedNamingIt() throws Exception {
        loginAndLogout();
        Path pins = location.resolve(KnownServers.FILE);
        byte[] sealed = Files.readAllBytes(pins);
        // Someone who can write the workspace pins a signing key of their own, plain.
        Files.writeString(pins, ProtocolJson.write(Map.of("servers", List.of(Map.of("server",
                KnownServers.key(Verifiers.SERVER), "pinned", "2026-01-01T00:00:00Z", "signingKey",
                ServerSignature.encode(Verifiers.newKey().getPublic()))))));

        IOException plain = assertThrows(IOException.class, () -> sessions.loginOffline("anna", PASSWORD.toCharArray()));
        assertTrue(plain.getMessage().startsWith(pins + " is not sealed, but this workspace seals it: it was not"
                + " written by Airgap (planted, or copied from another workspace) and is refused"), plain.getMessage());
        IOException online = assertThrows(IOException.class, () -> sessions.loginOnline(
                URI.create("https://127.0.0.1:9"), "anna", PASSWORD.toCharArray()));
        assertTrue(online.getMessage().startsWith(pins + " is not sealed"), "refused before the server is called: "
                + online.getMessage());

        // Another sealed file of this workspace (its offline login) under the pins' name does not open there.
        Files.copy(sessions.folder().resolve("verifier-anna.json"), pins, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException moved = assertThrows(IOException.class, () -> sessions.loginOffline("anna", PASSWORD.toCharArray()));
        assertTrue(moved.getMessage().startsWith(pins + " does not open with this workspace's key: it was replaced"),
                moved.getMessage());
        assertTrue(sessions.current().isEmpty());
        assertFalse(workspace.unlocked());

        Files.write(pins, sealed);
        loginAndLogout();
    }

    @Test
    void aPlantedPlainOfflineLoginOrLaptopKeyIsRefused() throws Exception {
        loginAndLogout();
        Path verifier = sessions.folder().resolve("verifier-anna.json");
        byte[] sealed = Files.readAllBytes(verifier);
        // A plain offline login as the previous version wrote it (even one the server signed) is no longer taken.
        OfflineGrant grant = new OfflineGrant(Verifiers.of("anna", Role.ADMIN, "chosen"), POLICY, Verifiers.ISSUED,
                Verifiers.EXPIRES);
        new SessionFiles(sessions.folder()).write(verifier, new OfflineLogin(Verifiers.SERVER.toString(),
                grant.verifier(), POLICY, Verifiers.ISSUED, Verifiers.sign(grant, Verifiers.SERVER_KEY.getPrivate())));
        assertFalse(StoreKeys.isSealed(Files.readAllBytes(verifier)));

        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOffline("anna", PASSWORD.toCharArray()));
        assertEquals(SessionException.Kind.NO_OFFLINE_LOGIN, refused.kind());
        assertTrue(refused.getMessage().startsWith("the offline login for anna on this laptop is refused: " + verifier
                + " is not sealed, but this workspace seals it"), refused.getMessage());
        assertTrue(sessions.current().isEmpty());

        Files.write(verifier, sealed);
        sessions.loginOffline("anna", PASSWORD.toCharArray());
        Path key = location.resolve(SealedFiles.LAPTOP_KEY);
        Files.writeString(key, "laptop=laptop-planted\n", StandardCharsets.UTF_8);
        IOException plantedKey = assertThrows(IOException.class, () -> workspace.laptopIdentity("anna"));
        assertTrue(plantedKey.getMessage().startsWith(key + " is not sealed"), plantedKey.getMessage());
    }

    @Test
    void withTheMarkerDeletedAPlantedPlainPinsFileOrOfflineLoginIsStillRefusedAndNotSealed() throws Exception {
        loginAndLogout();
        Path pins = location.resolve(KnownServers.FILE);
        Path verifier = sessions.folder().resolve("verifier-anna.json");
        byte[] sealedPins = Files.readAllBytes(pins);
        byte[] sealedVerifier = Files.readAllBytes(verifier);
        // Whoever can write the workspace deletes the marker (as far as there is one) and pins a signing key of
        // their own, plain: the previous version sealed it at the next login and trusted it.
        Files.deleteIfExists(location.resolve(SealedFiles.SEALED_MARKER));
        Files.writeString(pins, ProtocolJson.write(Map.of("servers", List.of(Map.of("server",
                KnownServers.key(Verifiers.SERVER), "pinned", "2026-01-01T00:00:00Z", "signingKey",
                ServerSignature.encode(Verifiers.newKey().getPublic()))))));

        IOException offline = assertThrows(IOException.class, () -> sessions.loginOffline("anna", PASSWORD.toCharArray()));
        assertTrue(offline.getMessage().startsWith(pins + " is not sealed, but this workspace seals it: it was not"
                + " written by Airgap (planted, or copied from another workspace) and is refused. Delete it and log in"
                + " online (and sync) to have it written anew"), offline.getMessage());
        IOException online = assertThrows(IOException.class, () -> sessions.loginOnline(
                URI.create("https://127.0.0.1:9"), "anna", PASSWORD.toCharArray()));
        assertTrue(online.getMessage().startsWith(pins + " is not sealed"), "refused before the server is called: "
                + online.getMessage());
        assertFalse(StoreKeys.isSealed(Files.readAllBytes(pins)), "not sealed by a login");
        assertTrue(sessions.current().isEmpty());

        // The same for a planted plain offline login (the attacker's own verifier, signed by the real server).
        Files.write(pins, sealedPins);
        OfflineGrant grant = new OfflineGrant(Verifiers.of("anna", Role.ADMIN, "chosen"), POLICY, Verifiers.ISSUED,
                Verifiers.EXPIRES);
        new SessionFiles(sessions.folder()).write(verifier, new OfflineLogin(Verifiers.SERVER.toString(),
                grant.verifier(), POLICY, Verifiers.ISSUED, Verifiers.sign(grant, Verifiers.SERVER_KEY.getPrivate())));
        SessionException planted = assertThrows(SessionException.class,
                () -> sessions.loginOffline("anna", "chosen".toCharArray()));
        assertEquals(SessionException.Kind.WRONG_PASSWORD, planted.kind(), "the attacker's password opens no key");
        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOffline("anna", PASSWORD.toCharArray()));
        assertTrue(refused.getMessage().startsWith("the offline login for anna on this laptop is refused: " + verifier
                + " is not sealed, but this workspace seals it"), refused.getMessage());
        assertFalse(StoreKeys.isSealed(Files.readAllBytes(verifier)), "not sealed by a login");

        Files.write(verifier, sealedVerifier);
        loginAndLogout();
    }

    @Test
    void theMarkerDeletedAloneBreaksNoLogin() throws Exception {
        loginAndLogout();
        Files.deleteIfExists(location.resolve(SealedFiles.SEALED_MARKER));
        sessions.close();
        workspace.close();
        reopen();
        assertEquals(Role.TECHNICIAN, sessions.loginOffline("anna", PASSWORD.toCharArray()).role());
        assertEquals(laptop, workspace.laptopIdentity("anna"));
        sessions.logout();
        for (Path file : trustFiles()) {
            assertTrue(StoreKeys.isSealed(Files.readAllBytes(file)), file + " is sealed");
        }
    }

    @Test
    void keysJsonTurnedBackIntoThePreviousLayoutWithoutTheKeyRefusesTheLogin() throws Exception {
        loginAndLogout();
        Path keys = WorkspaceKeys.of(location).file();
        byte[] recorded = Files.readAllBytes(keys);
        JsonObject root = JsonParser.parseString(new String(recorded, StandardCharsets.UTF_8)).getAsJsonObject();
        root.addProperty("format", 1);
        Files.writeString(keys, root.toString());
        Path pins = location.resolve(KnownServers.FILE);
        Files.writeString(pins, ProtocolJson.write(Map.of("servers", List.of(Map.of("server",
                KnownServers.key(Verifiers.SERVER), "pinned", "2026-01-01T00:00:00Z", "signingKey",
                ServerSignature.encode(Verifiers.newKey().getPublic()))))));

        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOffline("anna", PASSWORD.toCharArray()));
        assertEquals(SessionException.Kind.REFUSED, refused.kind());
        assertTrue(refused.getMessage().contains("or the file was changed without the key (its format or keyId"
                + " edited), and is refused"), refused.getMessage());
        assertFalse(StoreKeys.isSealed(Files.readAllBytes(pins)));
        assertTrue(sessions.current().isEmpty());
        assertFalse(workspace.unlocked());
    }
}
