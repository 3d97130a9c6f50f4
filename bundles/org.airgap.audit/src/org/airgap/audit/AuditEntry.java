package org.airgap.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of the audit trail. The record does not check that {@code hash} is right — a trail read
 * from disk may have been tampered with; {@link #hashValid()} and {@link AuditTrail#verify()} do.
 *
 * @param sequence     1 for the first entry of a trail, counting up by one
 * @param time         when it happened
 * @param user         who did it (a login name, or "system" for automatic actions)
 * @param action       what was done
 * @param subject      what it was done to (a job id, a component, a server); may be empty
 * @param details      free text; may be empty
 * @param previousHash the hash of the entry before, {@link #GENESIS_HASH} for the first
 * @param hash         SHA-256 over {@code previousHash} and this entry's content, see {@link #computeHash()}
 */
public record AuditEntry(long sequence, Instant time, String user, AuditAction action, String subject,
        String details, String previousHash, String hash) implements AuditChain.Link {

    /** The {@code previousHash} of the first entry: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public AuditEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("AuditEntry.sequence must be at least 1, was " + sequence);
        }
        Objects.requireNonNull(time, "AuditEntry.time");
        Objects.requireNonNull(user, "AuditEntry.user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("AuditEntry.user is blank");
        }
        Objects.requireNonNull(action, "AuditEntry.action");
        subject = subject == null ? "" : subject;
        details = details == null ? "" : details;
        requireSha256(previousHash, "AuditEntry.previousHash");
        requireSha256(hash, "AuditEntry.hash");
    }

    /** A new entry following {@code previousHash}, with its hash computed. */
    public static AuditEntry create(long sequence, Instant time, String user, AuditAction action, String subject,
            String details, String previousHash) {
        AuditEntry unhashed = new AuditEntry(sequence, time, user, action, subject, details, previousHash, GENESIS_HASH);
        return new AuditEntry(sequence, time, user, action, subject, details, previousHash, unhashed.computeHash());
    }

    /**
     * The hash this entry's content gives: lower-case hex SHA-256 of the UTF-8 bytes of {@code previousHash},
     * a line feed, and the canonical content (the entry's JSON line without {@code previousHash} and
     * {@code hash}); see {@link AuditChain#hash}.
     */
    public String computeHash() {
        return AuditChain.hash(previousHash, sequence, time, user, action.name(), subject, details);
    }

    /** Whether {@code hash} matches the content. */
    @Override
    public boolean hashValid() {
        return hash.equals(computeHash());
    }

    private static void requireSha256(String value, String field) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lower-case hex digits, was '" + value + "'");
        }
    }
}
