package org.airgap.audit;

/**
 * The outcome of checking an audit trail's hash chain.
 *
 * @param file             the trail checked
 * @param validEntries     entries checked and found intact, before the first problem
 * @param lastHash         the hash of the last intact entry ({@link AuditEntry#GENESIS_HASH} for none): a
 *                         copy kept elsewhere (the server) shows later whether entries were cut off the end;
 *                         {@code null} when the chain was not checked
 * @param firstBadSequence the sequence number of the first entry that is missing, edited, inserted or out
 *                         of place; 0 when the chain is intact
 * @param problem          why, naming the line; {@code null} when the chain is intact
 * @param chainChecked     whether the entries were read and their hash chain checked; {@code false} for a
 *                         sealed trail checked without its key, whose lines were checked only by their
 *                         structure, numbers and checksums (docs/formats.md, "Sealed audit trail")
 */
public record AuditVerification(String file, long validEntries, String lastHash, long firstBadSequence,
        String problem, boolean chainChecked) {

    /** The outcome of a check of the whole chain. */
    public AuditVerification(String file, long validEntries, String lastHash, long firstBadSequence, String problem) {
        this(file, validEntries, lastHash, firstBadSequence, problem, true);
    }

    public boolean ok() {
        return problem == null;
    }

    /** One line for users and logs. */
    public String summary() {
        if (!ok()) {
            return "audit trail " + file + ": entry " + firstBadSequence + ": " + problem;
        }
        return chainChecked ? "audit trail " + file + ": " + validEntries + " entries, chain intact"
                : "audit trail " + file + ": " + validEntries + " sealed entries, their structure and checksums "
                        + "intact (the workspace is locked: log in to check the hash chain)";
    }
}
