package org.airgap.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain's rules, how an entry is hashed and how one entry follows another: the laptop's trail
 * checks its file with them ({@link AuditTrail#verify(java.nio.file.Path)}), the server each entry a
 * laptop uploads and its own trail, whose entries name actions of their own.
 *
 * @since 0.2
 */
public final class AuditChain {

    /**
     * One entry of a hash chain, as far as the chain's rules go: a laptop's {@link AuditEntry} or an entry of
     * the server's own trail.
     */
    public interface Link {
        /** 1 for the first entry of a chain, counting up by one. */
        long sequence();

        /** The hash of the entry before, {@link AuditEntry#GENESIS_HASH} for the first. */
        String previousHash();

        String hash();

        /** Whether {@link #hash()} is the hash of the entry's content ({@link AuditChain#hash}). */
        boolean hashValid();
    }

    /** How an entry fails to follow the one before it. */
    public enum Break {
        /** Its hash is not its content's: edited or forged. */
        HASH_MISMATCH,
        /** Its sequence number skips: entries before it are missing. */
        GAP,
        /** Its sequence number is not above the entry before: inserted or reordered. */
        OUT_OF_ORDER,
        /** Its {@code previousHash} is not the hash of the entry before: that entry was replaced. */
        WRONG_LINK
    }

    private AuditChain() {
    }

    /**
     * The hash of an entry: lower-case hex SHA-256 of the UTF-8 bytes of {@code previousHash}, a line feed,
     * and the canonical content, the JSON object of the other six fields in this order, without white space
     * (docs/formats.md, "Audit trail").
     */
    public static String hash(String previousHash, long sequence, Instant time, String user, String action,
            String subject, String details) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(AuditLines.canonicalContent(sequence, time, user, action, subject, details)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Whether {@code entry} may follow {@code previous} ({@code null}: the entry starts a trail), checked
     * in this order: its own hash, its sequence number, its link to the entry before.
     *
     * @return {@code null} when it follows, else how it breaks the chain
     */
    public static Break check(Link previous, Link entry) {
        if (!entry.hashValid()) {
            return Break.HASH_MISMATCH;
        }
        long expected = previous == null ? 1 : previous.sequence() + 1;
        if (entry.sequence() > expected) {
            return Break.GAP;
        }
        if (entry.sequence() < expected) {
            return Break.OUT_OF_ORDER;
        }
        String previousHash = previous == null ? AuditEntry.GENESIS_HASH : previous.hash();
        return entry.previousHash().equals(previousHash) ? null : Break.WRONG_LINK;
    }
}
