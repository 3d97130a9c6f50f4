package org.airgap.sync.internal;

import static org.airgap.sync.internal.SyncTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.model.DeviceIdentity;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.RunSigning;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.LaptopInfo;
import org.airgap.protocol.Role;
import org.airgap.server.core.AuditFilter;
import org.airgap.session.ClientSession;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;
import org.airgap.store.StoreKeys;
import org.airgap.sync.PushReport;
import org.airgap.sync.RunUpload;
import org.airgap.sync.SyncException;
import org.airgap.testing.server.ServerFixture;
import org.airgap.workspace.LaptopIdentity;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs signed by the laptop and checked by the server (issue 12, section 3), between real workspaces and a
 * real server over HTTP: a run changed on disk or stripped of its signature is refused and stays queued
 * with the server's message while the others upload; a revoked laptop is refused; only an administrator
 * lists and revokes laptops; on a shared laptop the technician who ran a run stays its technician.
 */
class LaptopSignatureTest {

    private static final String ANNA = "anna";
    private static final String BERT = "bert";
    private static final String CARL = "carl";
    private static final String ROOT = "root";
    private static final String PASSWORD = "Plant-2026!";

    @TempDir
    static Path folder;

    private static ServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        server = SyncTest.startServer(folder.resolve("server"), Duration.ofHours(2), Duration.ofHours(48));
        for (String user : List.of(ANNA, BERT, CARL)) {
            server.addUser(user, Role.TECHNICIAN, PASSWORD);
        }
        server.addUser(ROOT, Role.ADMIN, PASSWORD);
        server.define(SyncTest.plant(List.of(new Assignment("job-plc", ANNA), new Assignment("job-robot", ANNA),
                new Assignment("job-robot", BERT), new Assignment("job-plc", CARL))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void runsEditedOnDiskAreRefusedNamingThemAndStayQueuedWhileTheUntouchedRunUploads() throws Exception {
        try (Laptop laptop = new Laptop(folder.resolve("edited"))) {
            ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
            laptop.sync.pull(session, null);
            Path key = laptop.workspace.location().resolve("laptop-key.properties");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            Run untouched = laptop.backup("job-plc", ANNA, program("v1"));
            Run edited = laptop.backup("job-plc", ANNA, program("v2"));
            Run otherSnapshot = laptop.backup("job-robot", ANNA, program("robot v1"));
            Run plainEdited = laptop.backup("job-robot", ANNA, program("robot v2"));
            assertEquals(RunSigning.RUN_END, laptop.workspace.runSeal(edited.id()).orElseThrow().kind());
            // Sealed again with the workspace's key (someone who knows a technician's password): a record field
            // (the device) and the manifest id (another snapshot of this laptop) changed; the server's check.
            rewriteSealed(laptop, new Run(edited.id(), edited.jobId(), edited.start(), edited.end(), edited.attempts(),
                    edited.outcome(), new DeviceIdentity("Siemens", "S7-1500", "SN-FORGED", "V3.0"),
                    edited.snapshotId(), edited.serverVersionResult(), edited.previousBackupResult(),
                    edited.messages()));
            rewriteSealed(laptop, new Run(otherSnapshot.id(), otherSnapshot.jobId(), otherSnapshot.start(),
                    otherSnapshot.end(), otherSnapshot.attempts(), otherSnapshot.outcome(), otherSnapshot.device(),
                    untouched.snapshotId(), otherSnapshot.serverVersionResult(),
                    otherSnapshot.previousBackupResult(), otherSnapshot.messages()));
            // Written plain without the key: the encrypted workspace does not read it at all (the laptop's check).
            Files.writeString(runFile(laptop, plainEdited), ModelJson.write(plainEdited), StandardCharsets.UTF_8);

            PushReport push = laptop.sync.push(session, null);

            assertEquals(List.of(untouched.id()), push.runs().stream().map(RunUpload::runId).toList());
            assertEquals(Set.of(edited.id(), otherSnapshot.id()), push.refused().keySet());
            for (Run run : List.of(edited, otherSnapshot)) {
                String message = push.refused().get(run.id());
                assertTrue(message.contains("run " + run.id() + " of job " + run.jobId() + " refused")
                        && message.contains("signature does not verify"), message);
                assertEquals(message, laptop.workspace.uploadRefusal(run.id()).orElseThrow());
                assertTrue(server.repository().committed(run.id()).isEmpty(), "nothing of a refused run is stored");
                assertRefusalAudited(run.id(), "signature does not verify");
            }
            assertEquals(Set.of(plainEdited.id()), push.unreadable().keySet());
            String unreadable = push.unreadable().get(plainEdited.id());
            assertTrue(unreadable.contains("run " + plainEdited.id() + " cannot be read")
                    && unreadable.contains("plain in an encrypted workspace"), unreadable);
            assertTrue(server.repository().committed(plainEdited.id()).isEmpty(), "nothing of it was sent");
            assertEquals(Set.of(edited.id(), otherSnapshot.id()), Set.copyOf(laptop.workspace.pendingUploads()
                    .stream().map(Run::id).toList()));
            assertEquals(Set.of(plainEdited.id()), laptop.workspace.unreadableRuns(true).keySet());
            assertTrue(Files.exists(runFile(laptop, plainEdited)), "the unreadable run stays where it is");
        }
    }

    @Test
    void aRunWhoseSignatureWasStrippedIsRefused() throws Exception {
        try (Laptop laptop = new Laptop(folder.resolve("stripped"))) {
            ClientSession session = laptop.login(server.uri(), CARL, PASSWORD);
            laptop.sync.pull(session, null);
            Run run = laptop.backup("job-plc", CARL, program("stripped"));
            Files.delete(laptop.workspace.location().resolve("runs").resolve(run.id() + ".sig"));

            PushReport push = laptop.sync.push(session, null);

            assertEquals(List.of(), push.runs());
            String message = push.refused().get(run.id());
            assertTrue(message.contains("carries no laptop signature"), message);
            assertRefusalAudited(run.id(), "no laptop signature");
            assertEquals(List.of(run.id()), laptop.workspace.pendingUploads().stream().map(Run::id).toList());
        }
    }

    @Test
    void onlyAnAdministratorListsAndRevokesLaptopsAndARevokedLaptopsRunsAreRefused() throws Exception {
        try (Laptop laptop = new Laptop(folder.resolve("revoked"))) {
            ClientSession session = laptop.login(server.uri(), BERT, PASSWORD);
            laptop.sync.pull(session, null);
            LaptopIdentity identity = laptop.workspace.laptopIdentity(BERT);
            Run run = laptop.backup("job-robot", BERT, program("robot revoked"));

            ServerClient technician = ServerClient.forSession(session);
            ServerCallException forbidden = assertThrows(ServerCallException.class,
                    () -> technician.getJsonList(Api.ADMIN_LAPTOPS, LaptopInfo.class));
            assertEquals(403, forbidden.status());
            assertEquals(403, assertThrows(ServerCallException.class, () -> technician.postJson(Api.ADMIN_LAPTOPS
                    + "/" + identity.laptopId() + Api.REVOKE_SUFFIX, null, LaptopInfo[].class)).status());

            try (Laptop office = new Laptop(folder.resolve("office"))) {
                ServerClient admin = ServerClient.forSession(office.login(server.uri(), ROOT, PASSWORD));
                LaptopInfo listed = admin.getJsonList(Api.ADMIN_LAPTOPS, LaptopInfo.class).stream()
                        .filter(info -> info.laptopId().equals(identity.laptopId())).findFirst().orElseThrow();
                assertEquals(BERT, listed.user());
                assertEquals(null, listed.revoked());
                LaptopInfo[] revoked = admin.postJson(Api.ADMIN_LAPTOPS + "/" + identity.laptopId()
                        + Api.REVOKE_SUFFIX, null, LaptopInfo[].class);
                assertEquals(1, revoked.length);
                assertEquals(ROOT, revoked[0].revokedBy());
                assertNotNull(revoked[0].revoked());
            }

            PushReport push = laptop.sync.push(session, null);

            assertEquals(List.of(), push.runs());
            String message = push.refused().get(run.id());
            assertTrue(message.contains("laptop " + identity.laptopId() + " was revoked by root"), message);
            assertRefusalAudited(run.id(), "was revoked");
            SyncException pull = assertThrows(SyncException.class, () -> laptop.sync.pull(session, null));
            assertEquals(409, pull.status());
            assertTrue(pull.getMessage().contains("cannot register again"), pull.getMessage());
        }
    }

    @Test
    void onASharedLaptopTheRunKeepsWhoRanItBesideWhoUploadedIt() throws Exception {
        try (Laptop laptop = new Laptop(folder.resolve("shared"))) {
            laptop.sync.pull(laptop.login(server.uri(), ANNA, PASSWORD), null);
            Run run = laptop.backup("job-robot", ANNA, program("robot shared"));

            ClientSession bert = laptop.login(server.uri(), BERT, PASSWORD);
            laptop.sync.pull(bert, null);
            PushReport push = laptop.sync.push(bert, null);

            assertEquals(Map.of(), push.refused());
            RunUpload uploaded = push.runs().stream().filter(upload -> upload.runId().equals(run.id())).findFirst()
                    .orElseThrow();
            assertTrue(uploaded.result().versionCreated());
            AdminRunDetail detail = server.repository().run(run.id()).orElseThrow();
            assertEquals(BERT, detail.summary().user(), "uploaded by bert");
            assertEquals(ANNA, detail.summary().technician(), "run by anna");
            assertEquals(RunSigning.RUN_END, detail.summary().signature());
            AdminVersion version = server.repository().versionHistory("robot").stream()
                    .filter(v -> run.id().equals(v.runId())).findFirst().orElseThrow();
            assertEquals(BERT, version.user());
            assertEquals(ANNA, version.technician());
        }
    }

    @Test
    void aRunRecordedBeforeTheLaptopHadItsKeyUploadsOnceMarkedSo() throws Exception {
        try (Laptop laptop = new Laptop(folder.resolve("legacy"))) {
            ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
            laptop.sync.pull(session, null);
            // A workspace from before laptop keys: its key file did not exist when the run was recorded.
            Files.delete(laptop.workspace.location().resolve("laptop-key.properties"));
            Run run = laptop.backup("job-plc", ANNA, program("legacy"));
            assertTrue(laptop.workspace.runSeal(run.id()).isEmpty());

            PushReport push = laptop.sync.push(session, null);

            assertEquals(Map.of(), push.refused());
            assertEquals(RunSigning.BEFORE_KEY, laptop.workspace.runSeal(run.id()).orElseThrow().kind());
            assertEquals(RunSigning.BEFORE_KEY, server.repository().run(run.id()).orElseThrow().summary().signature());
            List<AuditLogEntry> noted = server.repository().auditTrail(new AuditFilter(null, "run " + run.id(),
                    "RUN_BEFORE_KEY", null, null, AuditFilter.Source.SERVER, 10, null)).entries();
            assertEquals(1, noted.size());
            assertTrue(noted.get(0).details().contains("unsigned (recorded before laptop keys)"));
            assertFalse(laptop.workspace.pendingUploads().stream().anyMatch(r -> r.id().equals(run.id())));
        }
    }

    private static Path runFile(Laptop laptop, Run run) {
        return laptop.workspace.location().resolve("runs").resolve(run.id() + ".json");
    }

    /** The run's record replaced by {@code run}, sealed under the workspace's key as the workspace seals it. */
    private static void rewriteSealed(Laptop laptop, Run run) throws Exception {
        StoreKeys keys = StoreKeys.locked();
        keys.unlock(WorkspaceKeys.of(laptop.workspace.location()).unlock(ANNA, PASSWORD.toCharArray()));
        Files.write(runFile(laptop, run), keys.seal(ModelJson.write(run).getBytes(StandardCharsets.UTF_8),
                "runs/" + run.id() + ".json"));
    }

    private static void assertRefusalAudited(String runId, String why) throws Exception {
        List<AuditLogEntry> entries = server.repository().auditTrail(new AuditFilter(null, "run " + runId,
                "RUN_REFUSED", null, null, AuditFilter.Source.SERVER, 10, null)).entries();
        assertFalse(entries.isEmpty(), "the refusal of run " + runId + " is in the server's audit trail");
        assertTrue(entries.stream().anyMatch(entry -> entry.details().contains(why)), entries.toString());
    }
}
