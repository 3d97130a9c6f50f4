package org.airgap.protocol;

import java.time.Instant;

/**
 * One entry of an audit trail as {@link Api#ADMIN_AUDIT} lists it: of the server's own trail or of a trail
 * a laptop uploaded.
 *
 * @param source     {@link #SERVER} or {@link #LAPTOP}
 * @param sequence   the entry's number in its trail
 * @param time       when it happened (a laptop entry: by the laptop's clock)
 * @param user       who did it
 * @param action     what was done, an upper-case word (LOGIN, COMMIT, FOLDER_CREATE, SYNC, …)
 * @param subject    what it was done to; may be empty
 * @param details    what changed or how it ended, in words; may be empty
 * @param uploadedBy who uploaded a laptop entry; {@code null} for the server's
 * @param hash       the entry's hash in its chain
 * @since 0.2
 */
public record AuditLogEntry(String source, long sequence, Instant time, String user, String action, String subject,
        String details, String uploadedBy, String hash) {

    public static final String SERVER = "server";
    public static final String LAPTOP = "laptop";
}
