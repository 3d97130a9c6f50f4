package org.airgap.sync.internal;

import static org.airgap.sync.internal.SyncTest.ANNA;
import static org.airgap.sync.internal.SyncTest.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.internal.LocalSessionService;
import org.airgap.session.internal.OfflineLogin;
import org.airgap.store.StoreKeys;
import org.airgap.sync.SyncException;
import org.airgap.testing.MutableClock;
import org.airgap.workspace.SealedFiles;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.WorkspaceKeys;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What the laptop stores from a sync is what the server signed: a man in the middle who plants a job or changes a
 * job's parameter in the answer is refused and nothing is stored; a server presenting another signing key is
 * refused at login until the technician accepts it; server.ini [Client] offlineLoginDays sets the expiry.
 */
class SignedSyncTest extends LaptopAndServer {

    private RewritingProxy proxy;

    @Override
    void definePlant() throws Exception {
        JobOptions options = new JobOptions(1, Duration.ZERO, null, false, List.of(), List.of(), List.of());
        server.define(new AdminImport(List.of(new Folder("hall-1", "Hall 1", null)),
                List.of(new Component("share", "Recipe share", "hall-1", "directory", Map.of())),
                List.of(new Job("job-recipes", "share", "Recipes", Map.of("path", "/srv/recipes"), options)),
                List.of(new Assignment("job-recipes", ANNA))));
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new RewritingProxy(server.uri());
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
    }

    @Test
    void aSyncAnswerWithAPlantedJobOrAChangedParameterIsRefusedAndNothingIsStored() throws Exception {
        ClientSession session = laptop.login(proxy.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, new NullProgressMonitor());
        SyncedData before = laptop.workspace.synced();
        assertEquals(List.of("/srv/recipes"), before.jobs().stream().map(job -> job.parameters().get("path")).toList());
        Path verifier = laptop.sessions.folder().resolve("verifier-" + ANNA + ".json");
        byte[] verifierBefore = Files.readAllBytes(verifier);

        proxy.syncRewrite = json -> json.replace("/srv/recipes", "/home/anna");
        assertRefused(session);

        String planted = ProtocolJson.write(new Job("job-home", "share", "Home folder", Map.of("path", "/home/anna"),
                before.jobs().get(0).options()));
        proxy.syncRewrite = json -> json.replace("\"jobs\":[", "\"jobs\":[" + planted + ",");
        assertRefused(session);

        assertEquals(before, laptop.workspace.synced(), "the synced jobs and components are as before");
        assertArrayEquals(verifierBefore, Files.readAllBytes(verifier), "the offline login is as before");

        proxy.syncRewrite = json -> json;
        assertEquals(1, laptop.sync.pull(session, new NullProgressMonitor()).jobs(), "an untouched answer syncs");
    }

    /**
     * The laptop holds a sync answer in memory to check its signature: an answer beyond the limit is refused
     * unread, whether it says its length or streams on (here up to twice the limit, as a safety stop; without the
     * limit the laptop read all of it and refused only the signature), and nothing is stored.
     */
    @Test
    void anOversizedSyncAnswerIsRefusedUnreadAndNothingIsStored() throws Exception {
        ClientSession session = laptop.login(proxy.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, new NullProgressMonitor());
        SyncedData before = laptop.workspace.synced();
        Path verifier = laptop.sessions.folder().resolve("verifier-" + ANNA + ".json");
        byte[] verifierBefore = Files.readAllBytes(verifier);
        String refusal = "the sync answer from " + proxy.uri() + " is larger than 64 MiB, the most this laptop accepts"
                + " (a plant's jobs, components and baselines take far less): refused unread, nothing stored, the laptop"
                + " keeps what it had. Tell your administrator: the server or something between it and this laptop"
                + " sends more than a sync answer";

        proxy.syncFlood = 2L * SignedPull.MAX_ANSWER_BYTES;
        SyncException streamed = assertThrows(SyncException.class,
                () -> laptop.sync.pull(session, new NullProgressMonitor()));
        assertEquals(refusal, streamed.getMessage());
        // What the laptop took before it hung up: the limit, and what the sockets' buffers held.
        long sent = proxy.floodSent.get();
        assertTrue(sent < SignedPull.MAX_ANSWER_BYTES + (16 << 20), "the proxy sent " + sent + " bytes");

        proxy.floodDeclared = true;
        proxy.floodSent.set(0);
        SyncException declared = assertThrows(SyncException.class,
                () -> laptop.sync.pull(session, new NullProgressMonitor()));
        assertEquals(refusal, declared.getMessage());
        assertTrue(proxy.floodSent.get() < SignedPull.MAX_ANSWER_BYTES, "the proxy sent " + proxy.floodSent + " bytes");

        assertEquals(before, laptop.workspace.synced(), "the synced jobs and components are as before");
        assertArrayEquals(verifierBefore, Files.readAllBytes(verifier), "the offline login is as before");
        proxy.syncFlood = 0;
        assertEquals(1, laptop.sync.pull(session, new NullProgressMonitor()).jobs(), "a real answer syncs");
    }

    private void assertRefused(ClientSession session) {
        SyncException refused = assertThrows(SyncException.class,
                () -> laptop.sync.pull(session, new NullProgressMonitor()));
        assertEquals("the sync answer from " + proxy.uri() + " (its jobs, components and baselines) is not signed by"
                + " the server's signing key pinned on this laptop: refused, nothing stored, the laptop keeps what it"
                + " had. Someone between this laptop and the server may have changed it: tell your administrator",
                refused.getMessage());
    }

    @Test
    void aServerPresentingAnotherSigningKeyIsRefusedAtLoginUntilTheTechnicianAcceptsIt() throws Exception {
        laptop.login(server.uri(), ANNA, PASSWORD);
        String first = server.signingKey().fingerprint();
        Files.delete(ServerSigningKey.file(server.data()));
        String second = ServerSigningKey.create(server.data()).fingerprint();
        server.restart();

        SessionException refused = assertThrows(SessionException.class,
                () -> laptop.login(server.uri(), ANNA, PASSWORD));

        assertEquals(SessionException.Kind.SIGNING_KEY_CHANGED, refused.kind());
        assertTrue(refused.getMessage().contains("(trusted " + first + ", presented " + second + ")"),
                refused.getMessage());

        laptop.sessions.trustSigningKey(server.uri(), second);
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        assertEquals(1, laptop.sync.pull(session, new NullProgressMonitor()).jobs());
    }

    @Test
    void serverIniOfflineLoginDaysIsTheVerifiersLifeAfterWhichOfflineLoginsAreRefused() throws Exception {
        Files.writeString(server.data().resolve("server.ini"), "[Client]\nofflineLoginDays = 2\n[Retention]\n"
                + "gcSchedule = off\n");
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, new NullProgressMonitor());

        OfflineLogin stored = ProtocolJson.read(new String(laptop.workspace.sealedFiles().read(laptop.sessions.folder()
                .resolve("verifier-" + ANNA + ".json")).orElseThrow(), StandardCharsets.UTF_8), OfflineLogin.class);
        OfflineGrant grant = ProtocolJson.read(new String(Base64.getDecoder().decode(stored.signed().payload()),
                StandardCharsets.UTF_8), OfflineGrant.class);
        assertEquals(Duration.ofDays(2), Duration.between(grant.issued(), grant.expires()));

        try (LocalSessionService later = new LocalSessionService(laptop.workspace,
                new MutableClock(grant.expires().plusSeconds(1)))) {
            SessionException expired = assertThrows(SessionException.class,
                    () -> later.loginOffline(ANNA, PASSWORD.toCharArray()));
            assertTrue(expired.getMessage().startsWith("the offline login for anna on this laptop expired at "
                    + grant.expires()), expired.getMessage());
        }
        try (LocalSessionService before = new LocalSessionService(laptop.workspace,
                new MutableClock(grant.expires().minusSeconds(60)))) {
            assertEquals(ANNA, before.loginOffline(ANNA, PASSWORD.toCharArray()).user());
        }
    }

    @Test
    void aWorkspaceOfThePreviousLayoutIsSealedAtTheNextOnlineLoginAndLogsInOnlineAndOfflineAfter() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, new NullProgressMonitor());
        Path location = laptop.workspace.location();
        List<Path> trustFiles = List.of(location.resolve(SealedFiles.KNOWN_SERVERS),
                location.resolve(SealedFiles.LAPTOP_KEY), laptop.sessions.folder().resolve("verifier-" + ANNA + ".json"));
        String laptopId = laptop.workspace.laptopIdentity(ANNA).laptopId();
        laptop.sessions.logout();
        // Back to the layout the previous version left: encrypted, but these plain and keys.json in format 1 (whose
        // keyId only the data key gives).
        byte[] dataKey = WorkspaceKeys.of(location).unlock(ANNA, PASSWORD.toCharArray());
        for (Path file : trustFiles) {
            Files.write(file, SealedFiles.of(location, dataKey).read(file).orElseThrow());
        }
        JsonObject keys = JsonParser.parseString(Files.readString(WorkspaceKeys.of(location).file())).getAsJsonObject();
        keys.addProperty("format", 1);
        keys.addProperty("keyId", StoreKeys.keyId(dataKey));
        Files.writeString(WorkspaceKeys.of(location).file(), keys.toString());
        assertFalse(WorkspaceKeys.of(location).trustSealed(dataKey));

        session = laptop.login(server.uri(), ANNA, PASSWORD);
        for (Path file : trustFiles) {
            assertTrue(StoreKeys.isSealed(Files.readAllBytes(file)), file + " sealed at the online login");
        }
        assertTrue(WorkspaceKeys.of(location).trustSealed(dataKey), "the sealed layout recorded in keys.json");
        laptop.sync.pull(session, new NullProgressMonitor());
        assertEquals(laptopId, laptop.workspace.laptopIdentity(ANNA).laptopId(), "the same laptop key");
        laptop.sessions.logout();
        assertEquals(ANNA, laptop.sessions.loginOffline(ANNA, PASSWORD.toCharArray()).user());
    }
}
