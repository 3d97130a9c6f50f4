package org.airgap.client.admin.audit.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditTrailCheck;

/** How the audit view words entries and the check of each trail (times in the workbench's time zone). */
final class AuditTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private AuditTexts() {
    }

    static String time(Instant time) {
        return time == null ? "-" : TIME.format(time);
    }

    /** The trail an entry belongs to in words: "server", or "laptop" (its trail is named only by the check). */
    static String source(AuditLogEntry entry) {
        return AuditLogEntry.LAPTOP.equals(entry.source()) ? "laptop" : "server";
    }

    /** Who did it; a laptop's entry says so, and who uploaded it when that was someone else. */
    static String user(AuditLogEntry entry) {
        if (!AuditLogEntry.LAPTOP.equals(entry.source())) {
            return entry.user();
        }
        String uploader = entry.uploadedBy();
        return entry.user() + " (laptop" + (uploader == null || uploader.equals(entry.user()) ? ")"
                : ", uploaded by " + uploader + ")");
    }

    static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }

    /** "Server trail" or "Laptop trail 3f2a9c01b7de". */
    static String trailName(AuditTrailCheck check) {
        String trail = check.trail();
        if (trail.startsWith(AuditLogEntry.LAPTOP)) {
            return "Laptop trail" + trail.substring(AuditLogEntry.LAPTOP.length());
        }
        return "Server trail";
    }

    /**
     * One trail's check in words: "Server trail: 42 entries, verified" or "…: 43 entries, BROKEN at entry 17: the
     * problem", a laptop's trail with who uploaded it.
     */
    static String check(AuditTrailCheck check) {
        String uploaders = check.uploaders().isEmpty() ? "" : " (uploaded by " + String.join(", ", check.uploaders())
                + ")";
        String state = check.intact() ? "verified"
                : "BROKEN at entry " + check.brokenSequence() + (check.problem() == null ? "" : ": " + check.problem());
        return (check.intact() ? "\u2714 " : "\u2716 ") + trailName(check) + uploaders + ": " + check.entries()
                + (check.entries() == 1 ? " entry, " : " entries, ") + state;
    }

    /** All trails at once: "All 2 trails verified", "1 of 2 trails BROKEN", "No trail to verify". */
    static String summary(List<AuditTrailCheck> checks) {
        long broken = checks.stream().filter(check -> !check.intact()).count();
        if (checks.isEmpty()) {
            return "No trail to verify";
        }
        if (broken == 0) {
            return checks.size() == 1 ? "The trail is verified" : "All " + checks.size() + " trails verified";
        }
        return broken + " of " + checks.size() + (checks.size() == 1 ? " trail" : " trails")
                + " BROKEN: entries from the one named on may have been changed outside Airgap";
    }
}
