package org.airgap.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check of a trail file ({@link AuditTrail#verify(Path, AuditSealing)}): every line a canonical entry (a
 * sealed one opened first), the chain's rules ({@link AuditChain}) from the first line on, stopping at the
 * first problem; a sealed trail without its key by its lines' structure, numbers and checksums.
 */
final class AuditTrailCheck {

    private AuditTrailCheck() {
    }

    static AuditVerification verify(Path file, AuditSealing sealing) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        int complete = lines.length - 1; // the part after the last '\n' is empty for an intact file
        boolean sealedFile = complete > 0 && SealedAuditLines.isSealed(lines[0]);
        boolean keyless = sealedFile && !sealing.unlocked();
        String previousHash = AuditEntry.GENESIS_HASH;
        AuditEntry previous = null;
        long valid = 0;
        for (int i = 0; i < lines.length; i++) {
            long expected = i + 1L;
            int lineNumber = i + 1;
            String line = lines[i];
            if (i == complete) {
                if (line.isEmpty()) {
                    break;
                }
                return bad(file, valid, keyless ? null : previousHash, expected, "line " + lineNumber
                        + " is incomplete (no line end): an interrupted append, removed when the trail is next opened");
            }
            if (sealedFile) {
                String problem = checkSealed(line, lineNumber, sealing);
                if (problem != null) {
                    return bad(file, valid, keyless ? null : previousHash, expected, problem);
                }
                if (keyless) {
                    valid++;
                    continue;
                }
                try {
                    line = AuditTrail.opened(sealing, line, lineNumber);
                } catch (IllegalArgumentException e) {
                    return bad(file, valid, previousHash, expected, "line " + lineNumber + " " + e.getMessage());
                }
            }
            AuditEntry entry;
            try {
                entry = AuditLines.parse(line);
            } catch (IllegalArgumentException | NullPointerException e) {
                return bad(file, valid, previousHash, expected, "line " + lineNumber + " is not a valid entry: "
                        + e.getMessage());
            }
            if (!line.equals(AuditLines.line(entry))) {
                return bad(file, valid, previousHash, expected, "line " + lineNumber
                        + " is not in canonical form (the line was edited)");
            }
            AuditChain.Break broken = AuditChain.check(previous, entry);
            if (broken != null) {
                String where = "line " + lineNumber;
                return bad(file, valid, previousHash, expected, switch (broken) {
                case HASH_MISMATCH -> where + " (sequence " + entry.sequence()
                        + ") does not match its hash: the entry was edited or forged";
                case GAP -> where + " holds entry " + entry.sequence() + " where entry " + expected + " belongs (entry "
                        + expected + " was removed or moved)";
                case OUT_OF_ORDER -> where + " holds entry " + entry.sequence() + " where entry " + expected
                        + " belongs (entries were inserted or reordered)";
                case WRONG_LINK -> where
                        + ": previousHash does not match the hash of the entry before (an entry was replaced)";
                });
            }
            previous = entry;
            previousHash = entry.hash();
            valid++;
        }
        return new AuditVerification(file.toString(), valid, keyless ? null : previousHash, 0, null, !keyless);
    }

    /** What is wrong with a sealed line that can be told without the key; {@code null}: nothing. */
    private static String checkSealed(String line, int lineNumber, AuditSealing sealing) {
        SealedAuditLines.Envelope envelope;
        try {
            envelope = SealedAuditLines.parse(line);
        } catch (IllegalArgumentException e) {
            return "line " + lineNumber + " is not a sealed entry: " + e.getMessage();
        }
        if (envelope.sequence() != lineNumber) {
            return "line " + lineNumber + " is numbered " + envelope.sequence()
                    + " (a sealed line was removed, inserted or moved here)";
        }
        String damage = sealing.check(envelope.sealed());
        return damage == null ? null : "line " + lineNumber + " is damaged: " + damage;
    }

    private static AuditVerification bad(Path file, long valid, String lastHash, long sequence, String problem) {
        return new AuditVerification(file.toString(), valid, lastHash, sequence, problem, lastHash != null);
    }

}
