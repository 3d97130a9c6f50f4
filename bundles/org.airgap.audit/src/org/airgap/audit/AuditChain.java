package org.airgap.audit;

/**
 * The hash chain's rule for one entry after another: the laptop's trail checks its file with it
 * ({@link AuditTrail#verify(java.nio.file.Path)}), the server each entry a laptop uploads.
 *
 * @since 0.2
 */
public final class AuditChain {

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
     * Whether {@code entry} may follow {@code previous} ({@code null}: the entry starts a trail), checked
     * in this order: its own hash, its sequence number, its link to the entry before.
     *
     * @return {@code null} when it follows, else how it breaks the chain
     */
    public static Break check(AuditEntry previous, AuditEntry entry) {
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
