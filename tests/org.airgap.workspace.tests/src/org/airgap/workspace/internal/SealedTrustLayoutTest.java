package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.airgap.store.StoreException;
import org.airgap.store.StoreKeys;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.SealedFiles;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeyException;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Whether the trust files of an encrypted workspace are sealed is recorded in {@code keys.json}, authenticated by
 * the data key (docs/formats.md, "Key slots"): no plain marker file decides, so nobody without the key turns a
 * workspace back into the previous layout to have plain trust files of their own sealed at the next unlock.
 */
class SealedTrustLayoutTest {

    private static final char[] PASSWORD = "tech1-secret".toCharArray();
    private static final String PLANTED_PINS =
            "{\"servers\":[{\"server\":\"https://evil.test\",\"signingKey\":\"planted\"}]}";

    @TempDir
    Path dir;

    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = Fixtures.fewKeySlotIterations();

    @Test
    void theFirstUnlockRecordsTheSealedLayoutWhichSlotChangesKeep() throws IOException {
        byte[] dataKey;
        try (Workspace workspace = Workspace.open(dir)) {
            dataKey = workspace.createDataKey(Fixtures.USER, PASSWORD);
            assertFalse(WorkspaceKeys.of(dir).trustSealed(dataKey), "created in the previous layout, until the unlock");
            workspace.unlock(dataKey);
        }
        WorkspaceKeys keys = WorkspaceKeys.of(dir);
        assertTrue(keys.trustSealed(dataKey));
        assertEquals(2, format());
        assertFalse(Files.exists(dir.resolve(SealedFiles.SEALED_MARKER)), "no plain marker decides");
        keys.addSlot("tech2", "other".toCharArray(), dataKey);
        keys.changePassword(Fixtures.USER, PASSWORD, "new-secret".toCharArray());
        assertArrayEquals(dataKey, keys.unlock("tech2", "other".toCharArray()));
        assertTrue(keys.trustSealed(keys.unlock(Fixtures.USER, "new-secret".toCharArray())));
        assertTrue(keys.isKeyOf(dataKey));
        assertFalse(keys.isKeyOf(new byte[32]));
    }

    @Test
    void aPlainPinsFilePlantedInAWorkspaceOfThisVersionIsRefusedAndNotSealed() throws IOException {
        byte[] dataKey;
        try (Workspace workspace = Workspace.open(dir)) {
            dataKey = workspace.createDataKey(Fixtures.USER, PASSWORD);
            workspace.unlock(dataKey);
        }
        // Whoever can write the workspace: no marker to delete (and one deleted would change nothing), a pin planted.
        Files.deleteIfExists(dir.resolve(SealedFiles.SEALED_MARKER));
        Path pins = dir.resolve(SealedFiles.KNOWN_SERVERS);
        Files.writeString(pins, PLANTED_PINS);

        try (Workspace workspace = Workspace.open(dir)) {
            assertEquals(StoreException.Kind.LOCKED, assertThrows(StoreException.class,
                    () -> workspace.sealedFiles().read(pins)).kind(), "without the key nothing plain is trusted");
            byte[] key = WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD);
            IOException login = assertThrows(IOException.class, () -> SealedFiles.of(dir, key).read(pins));
            assertTrue(login.getMessage().startsWith(pins + " is not sealed, but this workspace seals it: it was not"
                    + " written by Airgap (planted, or copied from another workspace) and is refused. Delete it and log"
                    + " in online (and sync) to have it written anew"), login.getMessage());
            workspace.unlock(key);
            IOException unlocked = assertThrows(IOException.class, () -> workspace.sealedFiles().read(pins));
            assertTrue(unlocked.getMessage().startsWith(pins + " is not sealed"), unlocked.getMessage());
        }
        assertEquals(PLANTED_PINS, Files.readString(pins), "the unlock did not seal the planted file");
    }

    @Test
    void keysJsonTurnedBackIntoThePreviousLayoutWithoutTheKeyDoesNotOpen() throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
        }
        JsonObject root = JsonParser.parseString(Files.readString(WorkspaceKeys.of(dir).file())).getAsJsonObject();
        root.addProperty("format", 1);
        Files.writeString(WorkspaceKeys.of(dir).file(), root.toString());
        Files.writeString(dir.resolve(SealedFiles.KNOWN_SERVERS), PLANTED_PINS);

        WorkspaceKeyException downgraded = assertThrows(WorkspaceKeyException.class,
                () -> WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
        assertEquals(WorkspaceKeyException.Kind.DAMAGED, downgraded.kind());
        assertEquals("the key slot of " + Fixtures.USER + " does not match the keyId of " + WorkspaceKeys.of(dir).file()
                + " (format 1): it holds another workspace's key, or the file was changed without the key (its format"
                + " or keyId edited), and is refused", downgraded.getMessage());
        assertFalse(StoreKeys.isSealed(Files.readAllBytes(dir.resolve(SealedFiles.KNOWN_SERVERS))));
    }

    @Test
    void aKeysJsonWithAFormatThatIsNoNumberOrMissingIsRefusedAsDamaged() throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
        }
        Path file = WorkspaceKeys.of(dir).file();
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        root.addProperty("format", "two");
        Files.writeString(file, root.toString());
        WorkspaceKeyException word = assertThrows(WorkspaceKeyException.class,
                () -> WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
        assertEquals(WorkspaceKeyException.Kind.DAMAGED, word.kind());
        assertTrue(word.getMessage().startsWith(file + " is damaged"), word.getMessage());

        root.remove("format");
        Files.writeString(file, root.toString());
        assertEquals(WorkspaceKeyException.Kind.DAMAGED, assertThrows(WorkspaceKeyException.class,
                () -> WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD)).kind());
    }

    @Test
    void aWorkspaceThePreviousVersionSealedKeepsRefusingAPlainFileAndLosesItsMarker() throws IOException {
        byte[] dataKey;
        try (Workspace workspace = Workspace.open(dir)) {
            dataKey = workspace.createDataKey(Fixtures.USER, PASSWORD);
        }
        // The previous version sealed the trust files and wrote its marker; then a plain pins file was planted.
        Files.write(dir.resolve(SealedFiles.SEALED_MARKER), new byte[0]);
        Path pins = dir.resolve(SealedFiles.KNOWN_SERVERS);
        Files.writeString(pins, PLANTED_PINS);
        IOException refused = assertThrows(IOException.class, () -> SealedFiles.of(dir, dataKey).read(pins));
        assertTrue(refused.getMessage().startsWith(pins + " is not sealed"), refused.getMessage());

        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertThrows(IOException.class, () -> workspace.sealedFiles().read(pins));
        }
        assertEquals(PLANTED_PINS, Files.readString(pins, StandardCharsets.UTF_8), "not sealed by the migration");
        assertTrue(WorkspaceKeys.of(dir).trustSealed(dataKey));
        assertFalse(Files.exists(dir.resolve(SealedFiles.SEALED_MARKER)));
    }

    private int format() throws IOException {
        return JsonParser.parseString(Files.readString(WorkspaceKeys.of(dir).file())).getAsJsonObject().get("format")
                .getAsInt();
    }
}
