package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.airgap.model.Run;
import org.airgap.store.Snapshot;
import org.airgap.store.StoreException;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeyException;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Key slots (one data key, a slot per technician) and the workspace's store sealed under the data key. */
class WorkspaceEncryptionTest {

    private static final char[] PASSWORD = "tech1-secret".toCharArray();

    @TempDir
    Path dir;

    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = Fixtures.fewKeySlotIterations();

    @Test
    void eachTechnicianHasASlotForTheOneDataKeyAndAPasswordChangeOnlyRewrapsTheirs() throws IOException {
        WorkspaceKeys keys = WorkspaceKeys.of(dir);
        assertFalse(keys.exists());
        byte[] dataKey = keys.create("tech1", PASSWORD);
        keys.addSlot("tech2", "other".toCharArray(), dataKey);
        assertEquals(List.of("tech1", "tech2"), keys.users());
        assertArrayEquals(dataKey, keys.unlock("tech2", "other".toCharArray()));

        String tech2Before = slot("tech2").toString();
        keys.changePassword("tech1", PASSWORD, "new-secret".toCharArray());
        assertArrayEquals(dataKey, keys.unlock("tech1", "new-secret".toCharArray()));
        assertEquals(tech2Before, slot("tech2").toString());
        assertEquals(WorkspaceKeyException.Kind.WRONG_PASSWORD,
                assertThrows(WorkspaceKeyException.class, () -> keys.unlock("tech1", PASSWORD)).kind());
        WorkspaceKeyException none = assertThrows(WorkspaceKeyException.class, () -> keys.unlock("tech3", PASSWORD));
        assertEquals(WorkspaceKeyException.Kind.NO_SLOT, none.kind());
        assertTrue(none.getMessage().contains("tech1, tech2"), none.getMessage());
        assertFalse(Files.readString(keys.file()).contains("secret"));
    }

    @Test
    void aSlotCopiedToAnotherUserWeakenedOrForAnotherKeyDoesNotOpen() throws IOException {
        WorkspaceKeys keys = WorkspaceKeys.of(dir);
        byte[] dataKey = keys.create("tech1", PASSWORD);
        keys.addSlot("tech2", "other".toCharArray(), dataKey);
        String text = Files.readString(keys.file());

        JsonObject root = JsonParser.parseString(text).getAsJsonObject();
        root.getAsJsonArray("slots").get(1).getAsJsonObject().add("wrappedKey",
                root.getAsJsonArray("slots").get(0).getAsJsonObject().get("wrappedKey"));
        root.getAsJsonArray("slots").get(1).getAsJsonObject().add("salt",
                root.getAsJsonArray("slots").get(0).getAsJsonObject().get("salt"));
        root.getAsJsonArray("slots").get(1).getAsJsonObject().add("nonce",
                root.getAsJsonArray("slots").get(0).getAsJsonObject().get("nonce"));
        Files.writeString(keys.file(), root.toString());
        // tech1's slot under tech2's name, opened with tech1's password: the user is bound to the slot.
        assertThrows(WorkspaceKeyException.class, () -> keys.unlock("tech2", PASSWORD));

        root = JsonParser.parseString(text).getAsJsonObject();
        root.getAsJsonArray("slots").get(0).getAsJsonObject().addProperty("iterations", 1000);
        Files.writeString(keys.file(), root.toString());
        WorkspaceKeyException weak = assertThrows(WorkspaceKeyException.class, () -> keys.unlock("tech1", PASSWORD));
        assertTrue(weak.getMessage().contains("fewer than the minimum"), weak.getMessage());

        root = JsonParser.parseString(text).getAsJsonObject();
        root.addProperty("keyId", "00");
        Files.writeString(keys.file(), root.toString());
        assertEquals(WorkspaceKeyException.Kind.DAMAGED,
                assertThrows(WorkspaceKeyException.class, () -> keys.unlock("tech1", PASSWORD)).kind());
    }

    @Test
    void aPlainWorkspaceIsSealedAtItsFirstUnlockAndOpensLockedAfterwards() throws IOException {
        Snapshot snapshot;
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            Run run = workspace.startRun("job-plc-7", Fixtures.USER);
            snapshot = Fixtures.backup(workspace, new Random(3), 4);
            workspace.finishRun(Fixtures.succeeded(run, snapshot.id(), Instant.now()), Fixtures.USER);
            assertFalse(workspace.encrypted());
            byte[] dataKey = workspace.createDataKey(Fixtures.USER, PASSWORD);
            workspace.unlock(dataKey);
            assertTrue(workspace.encrypted() && workspace.unlocked());
            assertEquals(snapshot.manifest(), workspace.store().readSnapshot(snapshot.id()).manifest());
        }
        assertFalse(Files.exists(dir.resolve("store/sealing-pending")));
        assertNoPlainStoreFile(snapshot);
        assertNoFileHolds("10.0.0.7", "PLC registers", "\"SUCCEEDED\"");

        try (Workspace workspace = Workspace.open(dir)) {
            assertFalse(workspace.unlocked());
            UncheckedIOException locked = assertThrows(UncheckedIOException.class,
                    () -> workspace.store().readSnapshot(snapshot.id()));
            assertEquals(StoreException.Kind.LOCKED, ((StoreException) locked.getCause()).kind());
            assertTrue(workspace.store().verify(new org.eclipse.core.runtime.NullProgressMonitor()).ok());
            assertEquals(List.of(), workspace.synced().jobs(), "the synced definitions wait for the key");
            assertThrows(StoreException.class, workspace::runs);
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertEquals(snapshot.manifest(), workspace.store().readSnapshot(snapshot.id()).manifest());
            assertEquals(Fixtures.plant(), workspace.synced());
            assertEquals(1, workspace.runs().size());
            workspace.startRun("job-hmi-2", Fixtures.USER); // and the process dies during it
            workspace.lock();
            assertThrows(UncheckedIOException.class, () -> workspace.store().readSnapshot(snapshot.id()));
            assertEquals(List.of(), workspace.synced().jobs(), "the device credentials left memory with the key");
        }
        assertNoFileHolds("10.0.0.7", "PLC registers", "\"RUNNING\"");
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertTrue(workspace.recoveryNotes().stream().anyMatch(note -> note.contains("was interrupted")),
                    workspace.recoveryNotes().toString());
            assertEquals(org.airgap.model.RunOutcome.FAILED, workspace.runs().get(0).outcome());
        }
    }

    @Test
    void aCrashAfterTheKeyWasCreatedLeavesTheMarkerAndTheNextUnlockSealsWhatIsPlain() throws IOException {
        Snapshot snapshot;
        try (Workspace workspace = Workspace.open(dir)) {
            snapshot = Fixtures.backup(workspace, new Random(4), 3);
            workspace.createDataKey(Fixtures.USER, PASSWORD); // and then the process dies before unlock
        }
        assertTrue(Files.exists(dir.resolve("store/sealing-pending")));
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertEquals(snapshot.manifest(), workspace.store().readSnapshot(snapshot.id()).manifest());
            assertTrue(workspace.store().verify(new org.eclipse.core.runtime.NullProgressMonitor()).ok());
        }
        assertNoPlainStoreFile(snapshot);
    }

    private void assertNoPlainStoreFile(Snapshot snapshot) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                assertFalse(name.startsWith(snapshot.id()), file.toString());
                for (var entry : snapshot.manifest().entries()) {
                    assertFalse(entry.sha256() != null && name.equals(entry.sha256()), file.toString());
                }
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("config/part-"),
                        file.toString());
            }
        }
    }

    /** No file of the workspace holds any of {@code texts} (as UTF-8). */
    private void assertNoFileHolds(String... texts) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String text : texts) {
                    assertFalse(content.contains(text), file + " holds " + text);
                }
            }
        }
    }

    private JsonObject slot(String user) throws IOException {
        for (var element : JsonParser.parseString(Files.readString(WorkspaceKeys.of(dir).file())).getAsJsonObject()
                .getAsJsonArray("slots")) {
            if (element.getAsJsonObject().get("user").getAsString().equals(user)) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError(user + " has no slot");
    }

}
