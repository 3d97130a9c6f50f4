package org.airgap.protocol;

import java.util.List;

/**
 * Whether one audit trail's hash chain verifies: the server's own, or one a laptop uploaded.
 *
 * @param trail          {@code server}, or {@code laptop <first 12 hex digits of its first entry's hash>}
 * @param uploaders      who uploaded the laptop trail's entries (empty for the server's)
 * @param entries        the entries the trail holds
 * @param intact         whether every entry matches its hash and follows the one before
 * @param brokenSequence the sequence number of the first entry that breaks the chain; 0 when intact
 * @param problem        what is wrong there, in words; {@code null} when intact
 * @since 0.2
 */
public record AuditTrailCheck(String trail, List<String> uploaders, long entries, boolean intact,
        long brokenSequence, String problem) {

    public AuditTrailCheck {
        uploaders = List.copyOf(uploaders);
    }
}
