package org.airgap.client.admin.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditTrailCheck;
import org.junit.jupiter.api.Test;

/** How the audit view words a trail's check and an entry's user. */
class AuditTextsTest {

    private static final AuditTrailCheck SERVER = new AuditTrailCheck("server", List.of(), 42, true, 0, null);
    private static final AuditTrailCheck LAPTOP = new AuditTrailCheck("laptop 3f2a9c01b7de", List.of("tech1"), 1,
            true, 0, null);
    private static final AuditTrailCheck BROKEN = new AuditTrailCheck("server", List.of(), 43, false, 17,
            "entry 17 does not match its hash: the row was edited");

    @Test
    void anIntactTrailIsVerified() {
        assertEquals("\u2714 Server trail: 42 entries, verified", AuditTexts.check(SERVER));
        assertEquals("\u2714 Laptop trail 3f2a9c01b7de (uploaded by tech1): 1 entry, verified",
                AuditTexts.check(LAPTOP));
        assertEquals("All 2 trails verified", AuditTexts.summary(List.of(SERVER, LAPTOP)));
        assertEquals("The trail is verified", AuditTexts.summary(List.of(SERVER)));
        assertEquals("No trail to verify", AuditTexts.summary(List.of()));
    }

    @Test
    void aBrokenTrailNamesTheEntryAndTheProblem() {
        assertEquals("\u2716 Server trail: 43 entries, BROKEN at entry 17: entry 17 does not match its hash: the row"
                + " was edited", AuditTexts.check(BROKEN));
        assertEquals("1 of 2 trails BROKEN: entries from the one named on may have been changed outside Airgap",
                AuditTexts.summary(List.of(BROKEN, LAPTOP)));
    }

    @Test
    void aLaptopEntrySaysSoAndWhoUploadedIt() {
        Instant time = Instant.parse("2026-03-02T09:40:03Z");
        AuditLogEntry own = new AuditLogEntry("laptop", 1, time, "tech1", "LOGIN", "server", "", "tech1", "ab");
        AuditLogEntry other = new AuditLogEntry("laptop", 2, time, "tech1", "LOGIN", "", "", "tech2", "cd");
        AuditLogEntry server = new AuditLogEntry("server", 3, time, "alice", "GC", "", "", null, "ef");
        assertEquals("tech1 (laptop)", AuditTexts.user(own));
        assertEquals("tech1 (laptop, uploaded by tech2)", AuditTexts.user(other));
        assertEquals("alice", AuditTexts.user(server));
        assertEquals("laptop", AuditTexts.source(own));
        assertEquals("-", AuditTexts.orDash(other.subject()));
    }
}
