package org.airgap.server.core;

import java.time.Instant;
import java.util.Objects;

import org.airgap.protocol.Api;

/**
 * Which audit entries to read ({@link ServerRepository#auditTrail(AuditFilter)}); every criterion given
 * must hold. Entries come oldest first, by time, then trail, then number.
 *
 * @param user    the entry's user, exactly; {@code null} for any
 * @param subject text the subject contains, ignoring case; {@code null} for any
 * @param action  the action, exactly (such as {@code LOGIN}, {@code COMMIT}); {@code null} for any
 * @param from    the earliest time, included; {@code null} for no bound
 * @param to      the time before which entries end, excluded; {@code null} for no bound
 * @param source  whose trails: the server's, the laptops' or all
 * @param limit   the most entries of the page, 1 to {@link Api#MAX_AUDIT_PAGE}
 * @param after   the {@code next} of the page before; {@code null} for the first page
 * @since 0.2
 */
public record AuditFilter(String user, String subject, String action, Instant from, Instant to, Source source,
        int limit, String after) {

    /** Whose audit trails. */
    public enum Source {
        SERVER, LAPTOPS, ALL
    }

    public static final int DEFAULT_LIMIT = 100;

    public AuditFilter {
        Objects.requireNonNull(source, "source");
        if (limit < 1 || limit > Api.MAX_AUDIT_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + Api.MAX_AUDIT_PAGE + ", was " + limit);
        }
    }

    /** Every entry of every trail, the first page. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, Source.ALL, DEFAULT_LIMIT, null);
    }

    public boolean server() {
        return source != Source.LAPTOPS;
    }

    public boolean laptops() {
        return source != Source.SERVER;
    }
}
