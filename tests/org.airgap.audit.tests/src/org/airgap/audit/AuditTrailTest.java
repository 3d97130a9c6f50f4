package org.airgap.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.airgap.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("audit.jsonl");
    }

    /** Each reading one second later, so that times are predictable. */
    private static Clock steppingClock() {
        return MutableClock.stepping(T0, Duration.ofSeconds(1));
    }

    private void writeEntries(int count) throws IOException {
        try (AuditTrail trail = AuditTrail.open(file(), steppingClock())) {
            for (int i = 1; i <= count; i++) {
                trail.append("anna", AuditAction.values()[i % AuditAction.values().length], "job-" + i,
                        "run " + i + " \"quoted\" <ok> ünïcode\nsecond line");
            }
        }
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file(), StandardCharsets.UTF_8));
    }

    private void writeLines(List<String> lines) throws IOException {
        Files.writeString(file(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** An edit of the trail's lines, as a forger would make it. */
    private interface LineEdit {
        void apply(List<String> lines) throws IOException;
    }

    /** Writes {@code entries} entries, applies {@code edit} to the file and expects verify to find it. */
    private void assertEditDetected(int entries, LineEdit edit, long sequence, String reason) throws IOException {
        writeEntries(entries);
        List<String> lines = lines();
        edit.apply(lines);
        writeLines(lines);
        assertBroken(AuditTrail.verify(file()), sequence, reason);
    }

    private static void assertBroken(AuditVerification report, long sequence, String reason) {
        assertFalse(report.ok(), report.summary());
        assertEquals(sequence, report.firstBadSequence(), report.summary());
        assertEquals(sequence - 1, report.validEntries(), report.summary());
        assertTrue(report.problem().contains(reason), report.summary());
    }

    @Test
    void lineFormatAndHashFollowTheDocumentedDefinition() throws Exception {
        AuditEntry entry;
        try (AuditTrail trail = AuditTrail.open(file(), Clock.fixed(T0, ZoneOffset.UTC))) {
            entry = trail.append("anna", AuditAction.LOGIN, "", "workbench");
        }
        String content = "{\"sequence\":1,\"time\":\"2025-03-01T10:15:30Z\",\"user\":\"anna\",\"action\":\"LOGIN\","
                + "\"subject\":\"\",\"details\":\"workbench\"}";
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("0".repeat(64) + "\n" + content).getBytes(StandardCharsets.UTF_8)));
        assertEquals(hash, entry.hash());
        assertEquals(content.substring(0, content.length() - 1) + ",\"previousHash\":\"" + "0".repeat(64)
                + "\",\"hash\":\"" + hash + "\"}\n", Files.readString(file()));
    }

    @Test
    void chainStaysValidOverManyAppendsAndReopening() throws Exception {
        writeEntries(150);
        try (AuditTrail trail = AuditTrail.open(file(), steppingClock())) {
            assertTrue(trail.recoveryWarning().isEmpty());
            AuditEntry next = trail.append("ben", AuditAction.UPLOAD, "server", "");
            assertEquals(151, next.sequence());
            AuditVerification report = trail.verify();
            assertTrue(report.ok(), report.summary());
            assertEquals(151, report.validEntries());
            assertEquals(next.hash(), report.lastHash());

            List<AuditEntry> entries = trail.entries();
            assertEquals(151, entries.size());
            assertEquals(AuditEntry.GENESIS_HASH, entries.get(0).previousHash());
            for (int i = 1; i < entries.size(); i++) {
                assertEquals(i + 1, entries.get(i).sequence());
                assertEquals(entries.get(i - 1).hash(), entries.get(i).previousHash());
            }
            assertEquals("run 7 \"quoted\" <ok> ünïcode\nsecond line", entries.get(6).details());
        }
        assertEquals(151, lines().size());
    }

    @Test
    void concurrentAppendsFormOneChain() throws Exception {
        try (AuditTrail trail = AuditTrail.open(file())) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<AuditEntry>> appended = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String subject = "job-" + i;
                appended.add(pool.submit(() -> trail.append("anna", AuditAction.JOB_STARTED, subject, "")));
            }
            Set<Long> sequences = new HashSet<>();
            for (Future<AuditEntry> future : appended) {
                sequences.add(future.get().sequence());
            }
            pool.shutdown();
            assertEquals(300, sequences.size());
            AuditVerification report = trail.verify();
            assertTrue(report.ok(), report.summary());
            assertEquals(300, report.validEntries());
        }
    }

    @Test
    void editedFieldIsDetectedAtThatEntry() throws Exception {
        assertEditDetected(10, lines -> lines.set(6, lines.get(6).replace("\"user\":\"anna\"", "\"user\":\"mallory\"")),
                7, "does not match its hash");
    }

    @Test
    void editWithRecomputedHashIsDetectedAtTheNextEntry() throws Exception {
        assertEditDetected(10, lines -> {
            AuditEntry original = AuditLines.parse(lines.get(6));
            AuditEntry forged = AuditEntry.create(7, original.time(), "mallory", original.action(),
                    original.subject(), original.details(), original.previousHash());
            lines.set(6, AuditLines.line(forged));
        }, 8, "previousHash does not match");
    }

    @Test
    void deletedLineIsDetectedAsMissing() throws Exception {
        assertEditDetected(10, lines -> lines.remove(4),
                5, "line 5 holds entry 6 where entry 5 belongs (entry 5 was removed or moved)");
    }

    @Test
    void swappedLinesAreDetectedAtTheFirst() throws Exception {
        assertEditDetected(10, lines -> Collections.swap(lines, 2, 3),
                3, "line 3 holds entry 4 where entry 3 belongs");
    }

    @Test
    void insertedForgedLineIsDetected() throws Exception {
        // a copy of entry 3 passed off as entry 4, hash left as it was
        assertEditDetected(10, lines -> lines.add(3, lines.get(2).replace("\"sequence\":3", "\"sequence\":4")),
                4, "does not match its hash");
    }

    @Test
    void insertedLineWithAValidHashBreaksTheSequenceAfterIt() throws Exception {
        assertEditDetected(10, lines -> {
            AuditEntry third = AuditLines.parse(lines.get(2));
            lines.add(3, AuditLines.line(
                    AuditEntry.create(4, third.time(), "mallory", AuditAction.LOGOUT, "", "", third.hash())));
        }, 5, "line 5 holds entry 4 where entry 5 belongs");
    }

    @Test
    void whiteSpaceOrUnknownFieldsAreEditsToo() throws Exception {
        assertEditDetected(5, lines -> lines.set(1, lines.get(1).replace(",\"time\"", ", \"time\"")),
                2, "not in canonical form");
        // reopening appends nothing: the second edit comes on top of the first
        assertEditDetected(0,
                lines -> lines.set(1, lines.get(1).replace("{\"sequence\"", "{\"note\":\"x\",\"sequence\"")),
                2, "unknown field \"note\"");
    }

    @Test
    void tornLastLineIsRemovedOnOpenAndTheTrailContinues() throws Exception {
        writeEntries(10);
        String eleventh = AuditLines.line(AuditEntry.create(11, T0, "anna", AuditAction.SYNC, "", "",
                AuditEntry.GENESIS_HASH));
        byte[] torn = eleventh.substring(0, 40).getBytes(StandardCharsets.UTF_8);
        Files.write(file(), torn, StandardOpenOption.APPEND);

        assertBroken(AuditTrail.verify(file()), 11, "incomplete");
        IOException unreadable = assertThrows(IOException.class, () -> AuditTrail.read(file()));
        assertTrue(unreadable.getMessage().contains("incomplete line"), unreadable.getMessage());

        try (AuditTrail trail = AuditTrail.open(file())) {
            String warning = trail.recoveryWarning().orElseThrow();
            assertTrue(warning.contains("removed an incomplete last line (40 bytes)"), warning);
            assertEquals(10, trail.entries().size());
            assertEquals(11, trail.append("anna", AuditAction.SYNC, "server", "").sequence());
            AuditVerification report = trail.verify();
            assertTrue(report.ok(), report.summary());
        }
        assertEquals(11, lines().size());
    }

    @Test
    void tornFirstLineLeavesAnEmptyTrail() throws Exception {
        Files.writeString(file(), "{\"sequence\":1,\"ti");
        try (AuditTrail trail = AuditTrail.open(file())) {
            assertTrue(trail.recoveryWarning().isPresent());
            assertEquals(1, trail.append("anna", AuditAction.LOGIN, "", "").sequence());
        }
        assertTrue(AuditTrail.verify(file()).ok());
    }

    @Test
    void damagedLastCompleteLineRefusesAppending() throws Exception {
        writeEntries(3);
        Files.writeString(file(), "garbage\n", StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> AuditTrail.open(file()));
        assertTrue(e.getMessage().contains("line 4 is not a valid entry"), e.getMessage());
        assertBroken(AuditTrail.verify(file()), 4, "line 4 is not a valid entry");
    }

    @Test
    void onlyOneOpenTrailPerFile() throws Exception {
        try (AuditTrail trail = AuditTrail.open(file())) {
            IOException e = assertThrows(IOException.class, () -> AuditTrail.open(file()));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
        try (AuditTrail again = AuditTrail.open(file())) {
            assertEquals(1, again.append("anna", AuditAction.LOGIN, null, null).sequence());
        }
    }

    @Test
    void invalidEntriesAreRefusedBeforeAnythingIsWritten() throws Exception {
        try (AuditTrail trail = AuditTrail.open(file())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trail.append(" ", AuditAction.LOGIN, "", ""));
            assertEquals("AuditEntry.user is blank", e.getMessage());
            assertThrows(NullPointerException.class, () -> trail.append("anna", null, "", ""));
            assertEquals(0, Files.size(file()));
            assertEquals(1, trail.append("anna", AuditAction.LOGIN, "", "").sequence());
        }
    }

    @Test
    void emptyTrailIsValid() throws Exception {
        AuditTrail.open(file()).close();
        AuditVerification report = AuditTrail.verify(file());
        assertTrue(report.ok(), report.summary());
        assertEquals(0, report.validEntries());
        assertEquals(AuditEntry.GENESIS_HASH, report.lastHash());
    }
}
