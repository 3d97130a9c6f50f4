package org.airgap.audit;

/**
 * The outcome of checking an audit trail's hash chain.
 *
 * @param file             the trail checked
 * @param validEntries     entries checked and found intact, before the first problem
 * @param lastHash         the hash of the last intact entry ({@link AuditEntry#GENESIS_HASH} for none): a
 *                         copy kept elsewhere (the server) shows later whether entries were cut off the end
 * @param firstBadSequence the sequence number of the first entry that is missing, edited, inserted or out
 *                         of place; 0 when the chain is intact
 * @param problem          why, naming the line; {@code null} when the chain is intact
 */
public record AuditVerification(String file, long validEntries, String lastHash, long firstBadSequence,
        String problem) {

    public boolean ok() {
        return problem == null;
    }

    /** One line for users and logs. */
    public String summary() {
        return ok() ? "audit trail " + file + ": " + validEntries + " entries, chain intact"
                : "audit trail " + file + ": entry " + firstBadSequence + ": " + problem;
    }
}
