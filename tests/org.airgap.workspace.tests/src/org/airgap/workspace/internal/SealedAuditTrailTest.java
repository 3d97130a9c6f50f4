package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditChain;
import org.airgap.audit.AuditEntry;
import org.airgap.audit.AuditTrail;
import org.airgap.audit.AuditVerification;
import org.airgap.model.Run;
import org.airgap.store.Snapshot;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail of an encrypted workspace (docs/formats.md, "Sealed audit trail"): its lines sealed under
 * the data key, the same entries and hashes as a plain trail, checked without the key by structure and
 * checksums and with it by every tag and the chain; a plain trail sealed at the unlock, crash-safely.
 */
class SealedAuditTrailTest {

    private static final char[] PASSWORD = "tech1-secret".toCharArray();

    @TempDir
    Path dir;

    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = Fixtures.fewKeySlotIterations();

    @Test
    void anEncryptedWorkspacesTrailHoldsNothingReadableAndItsChainIsThePlainOne() throws IOException {
        List<AuditEntry> written = new ArrayList<>();
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
            written.addAll(backUp(workspace));
            written.add(workspace.audit().append(Fixtures.USER, AuditAction.LOGOUT, "offline", "LOGGED_OUT"));
            assertEquals(written, workspace.audit().entries());
            AuditVerification checked = workspace.audit().verify();
            assertTrue(checked.ok() && checked.chainChecked(), checked.summary());
            assertEquals(written.get(written.size() - 1).hash(), checked.lastHash());
        }
        // The hashes are the chain's own (the server checks them): the content's, linked one to the next.
        String previous = AuditEntry.GENESIS_HASH;
        for (AuditEntry entry : written) {
            assertEquals(previous, entry.previousHash());
            assertEquals(AuditChain.hash(previous, entry.sequence(), entry.time(), entry.user(), entry.action().name(),
                    entry.subject(), entry.details()), entry.hash());
            previous = entry.hash();
        }
        String file = Files.readString(dir.resolve("audit.jsonl"));
        for (AuditEntry entry : written) {
            for (String text : List.of(entry.user(), entry.subject(), entry.hash(), entry.details())) {
                assertFalse(!text.isEmpty() && file.contains(text), "audit.jsonl holds '" + text + "'");
            }
        }

        try (Workspace workspace = Workspace.open(dir)) {
            AuditVerification keyless = workspace.audit().verify();
            assertTrue(keyless.ok(), keyless.summary());
            assertFalse(keyless.chainChecked());
            assertEquals(written.size(), keyless.validEntries());
            assertNull(keyless.lastHash());
            assertTrue(keyless.summary().contains("log in to check the hash chain"), keyless.summary());
            IOException locked = assertThrows(IOException.class, workspace.audit()::entries);
            assertTrue(locked.getMessage().contains("sealed and the workspace is locked"), locked.getMessage());
            IOException refused = assertThrows(IOException.class,
                    () -> workspace.audit().append(Fixtures.USER, AuditAction.LOGOUT, "offline", "IDLE"));
            assertTrue(refused.getMessage().contains("log in to record LOGOUT"), refused.getMessage());

            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            AuditEntry next = workspace.audit().append(Fixtures.USER, AuditAction.LOGIN, "offline", "offline");
            assertEquals(written.size() + 1, next.sequence());
            assertEquals(written.get(written.size() - 1).hash(), next.previousHash());
            assertTrue(workspace.audit().verify().ok());
        }
    }

    @Test
    void aChangedOrMovedSealedLineIsFoundWithTheKeyAndDamageEvenWithout() throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
            backUp(workspace);
        }
        Path file = dir.resolve("audit.jsonl");
        List<String> intact = Files.readAllLines(file);
        assertTrue(intact.size() >= 3, intact.toString());

        // One ciphertext bit of line 2 flipped, its CRC32C recomputed: nothing tells without the key, the tag does.
        List<String> lines = new ArrayList<>(intact);
        lines.set(1, withFlippedBit(lines.get(1), true));
        write(file, lines);
        AuditVerification keyless = verifyLocked();
        assertTrue(keyless.ok(), "a recomputed checksum passes without the key: " + keyless.summary());
        AuditVerification keyed = verifyUnlocked();
        assertEquals(2, keyed.firstBadSequence(), keyed.summary());
        assertTrue(keyed.problem().contains("does not open with the workspace's key"), keyed.problem());
        assertEquals(1, keyed.validEntries());

        // The same bit flipped, the CRC32C left alone: accidental damage, found without the key.
        lines = new ArrayList<>(intact);
        lines.set(1, withFlippedBit(lines.get(1), false));
        write(file, lines);
        keyless = verifyLocked();
        assertEquals(2, keyless.firstBadSequence(), keyless.summary());
        assertTrue(keyless.problem().contains("fails its CRC32C"), keyless.problem());

        // Lines 2 and 3 swapped and renumbered: the numbers fit, the sealed bytes belong to other places.
        lines = new ArrayList<>(intact);
        lines.set(1, intact.get(2).replaceFirst("\\{\"sequence\":3,", "{\"sequence\":2,"));
        lines.set(2, intact.get(1).replaceFirst("\\{\"sequence\":2,", "{\"sequence\":3,"));
        write(file, lines);
        assertTrue(verifyLocked().ok());
        assertEquals(2, verifyUnlocked().firstBadSequence());

        // Swapped without renumbering, or a line removed: the numbers tell without the key.
        lines = new ArrayList<>(intact);
        lines.remove(1);
        write(file, lines);
        keyless = verifyLocked();
        assertEquals(2, keyless.firstBadSequence(), keyless.summary());
        assertTrue(keyless.problem().contains("is numbered 3"), keyless.problem());

        // A plain entry slipped into the sealed trail.
        lines = new ArrayList<>(intact);
        lines.add(1, "{\"sequence\":2,\"time\":\"2026-12-07T10:00:00Z\",\"user\":\"x\",\"action\":\"LOGIN\",\"subject\":\"\","
                + "\"details\":\"\",\"previousHash\":\"" + "0".repeat(64) + "\",\"hash\":\"" + "0".repeat(64) + "\"}");
        write(file, lines);
        assertTrue(verifyLocked().problem().contains("line 2 is not a sealed entry"));
    }

    @Test
    void anAppendCutOffByACrashIsRemovedAtTheNextOpen() throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
            backUp(workspace);
        }
        Path file = dir.resolve("audit.jsonl");
        List<String> intact = Files.readAllLines(file);
        String torn = intact.get(intact.size() - 1).substring(0, 40);
        Files.writeString(file, torn, StandardOpenOption.APPEND);
        try (Workspace workspace = Workspace.open(dir)) {
            assertTrue(workspace.recoveryNotes().stream().anyMatch(note -> note.contains("removed an incomplete last line")),
                    workspace.recoveryNotes().toString());
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            workspace.audit().append(Fixtures.USER, AuditAction.LOGOUT, "offline", "LOGGED_OUT");
            AuditVerification checked = workspace.audit().verify();
            assertTrue(checked.ok(), checked.summary());
            assertEquals(intact.size() + 1, checked.validEntries());
        }
    }

    @Test
    void aPlainTrailIsSealedAtTheUnlockAsItWasAndACrashBeforeTheRenameLeavesItWhole() throws IOException {
        List<AuditEntry> written;
        try (Workspace workspace = Workspace.open(dir)) {
            written = new ArrayList<>(backUp(workspace));
            assertFalse(workspace.audit().sealed());
        }
        Path file = dir.resolve("audit.jsonl");
        byte[] plain = Files.readAllBytes(file);
        assertTrue(new String(plain, StandardCharsets.UTF_8).contains("job-plc-7"));
        // A crash while the sealed copy was written: the copy is dropped, the plain trail is whole.
        Files.writeString(dir.resolve("audit.jsonl.sealing"), "{\"sequence\":1,\"sealed\":\"QUdT");
        try (Workspace workspace = Workspace.open(dir)) {
            assertFalse(Files.exists(dir.resolve("audit.jsonl.sealing")));
            assertTrue(workspace.audit().verify().ok());
            workspace.createDataKey(Fixtures.USER, PASSWORD); // and the process dies before the unlock
        }
        assertEquals(new String(plain, StandardCharsets.UTF_8), Files.readString(file));
        try (Workspace workspace = Workspace.open(dir)) {
            IOException refused = assertThrows(IOException.class,
                    () -> workspace.audit().append(Fixtures.USER, AuditAction.LOGIN, "offline", "offline"));
            assertTrue(refused.getMessage().contains("is sealed at the next login"), refused.getMessage());
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertTrue(workspace.audit().sealed());
            assertEquals(written, workspace.audit().entries());
            written.add(workspace.audit().append(Fixtures.USER, AuditAction.LOGIN, "offline", "offline"));
            assertTrue(workspace.audit().verify().ok());
        }
        String sealed = Files.readString(file);
        assertFalse(sealed.contains("job-plc-7") || sealed.contains(Fixtures.USER), sealed);
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertEquals(written, workspace.audit().entries());
            assertEquals(written.get(written.size() - 1).hash(), workspace.audit().verify().lastHash());
        }
    }

    @Test
    void aWorkspaceEncryptedBeforeItsTrailWasSealedHasItSealedAtItsNextUnlock() throws IOException {
        List<AuditEntry> written;
        try (Workspace workspace = Workspace.open(dir)) {
            written = backUp(workspace);
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
        }
        // What the version before wrote: an encrypted workspace (no marker left) with its trail plain.
        Path file = dir.resolve("audit.jsonl");
        StringBuilder plain = new StringBuilder();
        for (AuditEntry entry : written) {
            plain.append(plainLine(entry)).append('\n');
        }
        Files.writeString(file, plain);
        assertFalse(Files.exists(dir.resolve("store/sealing-pending")));
        try (Workspace workspace = Workspace.open(dir)) {
            assertTrue(AuditTrail.verify(file).ok(), "the plain trail as the version before wrote it");
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertEquals(written, workspace.audit().entries());
        }
        assertFalse(Files.readString(file).contains("job-plc-7"));
    }

    /** A run of job-plc-7 with a snapshot: JOB_STARTED and JOB_FINISHED, which name the job, run and snapshot. */
    private static List<AuditEntry> backUp(Workspace workspace) throws IOException {
        workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
        Run run = workspace.startRun("job-plc-7", Fixtures.USER);
        Snapshot snapshot = Fixtures.backup(workspace, new Random(5), 2);
        workspace.finishRun(Fixtures.succeeded(run, snapshot.id(), Instant.now()), Fixtures.USER);
        List<AuditEntry> entries = workspace.audit().entries();
        assertTrue(entries.stream().anyMatch(entry -> entry.details().contains(snapshot.id())));
        return entries;
    }

    /** The entry as a plain trail's line (docs/formats.md, "Line format"). */
    private static String plainLine(AuditEntry entry) {
        com.google.gson.JsonObject json = new com.google.gson.JsonObject();
        json.addProperty("sequence", entry.sequence());
        json.addProperty("time", entry.time().toString());
        json.addProperty("user", entry.user());
        json.addProperty("action", entry.action().name());
        json.addProperty("subject", entry.subject());
        json.addProperty("details", entry.details());
        json.addProperty("previousHash", entry.previousHash());
        json.addProperty("hash", entry.hash());
        return new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(json);
    }

    /** The sealed line with one bit of its first chunk's ciphertext flipped; the chunk's CRC32C fixed or not. */
    private static String withFlippedBit(String line, boolean fixCrc) {
        String prefix = line.substring(0, line.indexOf("\"sealed\":\"") + 10);
        byte[] sealed = Base64.getDecoder().decode(line.substring(prefix.length(), line.length() - 2));
        sealed[24 + 3] ^= 0x10; // after the 24-byte header: the ciphertext
        if (fixCrc) {
            CRC32C crc = new CRC32C();
            crc.update(sealed, 24, sealed.length - 24 - 4);
            int value = (int) crc.getValue();
            for (int i = 0; i < 4; i++) {
                sealed[sealed.length - 4 + i] = (byte) (value >>> (24 - 8 * i));
            }
        }
        assertNotEquals(line, prefix + Base64.getEncoder().encodeToString(sealed) + "\"}");
        return prefix + Base64.getEncoder().encodeToString(sealed) + "\"}";
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private AuditVerification verifyLocked() throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            return workspace.audit().verify();
        }
    }

    private AuditVerification verifyUnlocked() throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            return workspace.audit().verify();
        }
    }
}
