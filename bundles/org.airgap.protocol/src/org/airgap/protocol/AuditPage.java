package org.airgap.protocol;

import java.util.List;

/**
 * A page of {@link Api#ADMIN_AUDIT}: entries oldest first (newest first when asked), and every trail of the sources asked for,
 * each with whether its chain verifies.
 *
 * @param entries the page's entries
 * @param trails  the check of each trail: the server's first, then the laptops' by their first entry
 * @param next    the value of {@code after} for the next page; {@code null} on the last page
 * @since 0.2
 */
public record AuditPage(List<AuditLogEntry> entries, List<AuditTrailCheck> trails, String next) {

    public AuditPage {
        entries = List.copyOf(entries);
        trails = List.copyOf(trails);
    }
}
