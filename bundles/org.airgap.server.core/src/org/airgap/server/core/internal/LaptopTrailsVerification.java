package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.airgap.audit.AuditChain;
import org.airgap.audit.AuditEntry;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.protocol.ProtocolJson;

/**
 * Checks the trails laptops uploaded ({@link AuditEntries}) as they are stored now. A trail is the chain
 * from an entry with sequence 1 along the entries naming it as previous; the table does not say which
 * laptop wrote an entry, so a trail is named by its first entry's hash and listed with who uploaded it.
 * The entries are read in sequence order, keeping only each trail's last entry: every entry then finds
 * the trail it continues, or starts one that is reported broken (the entry before it is gone or replaced).
 */
final class LaptopTrailsVerification {

    private static final class Trail {
        final String name;
        final Set<String> uploaders = new TreeSet<>();
        long entries;
        AuditEntry last;
        long brokenSequence;
        String problem;

        Trail(String name) {
            this.name = name;
        }

        void broken(long sequence, String why) {
            if (problem == null) {
                brokenSequence = sequence;
                problem = why;
            }
        }

        AuditTrailCheck check() {
            return new AuditTrailCheck(name, List.copyOf(uploaders), entries, problem == null, brokenSequence, problem);
        }
    }

    private LaptopTrailsVerification() {
    }

    static List<AuditTrailCheck> verify(Connection connection) throws SQLException {
        List<Trail> trails = new ArrayList<>();
        Map<String, Trail> byLastHash = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT hash, sequence, uploaded_by, entry_json"
                + " FROM audit ORDER BY sequence, hash"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String rowHash = rows.getString(1);
                AuditEntry entry = parse(rows.getString(4));
                if (entry == null) {
                    Trail damaged = new Trail("laptop " + shortHash(rowHash));
                    damaged.broken(rows.getLong(2), "the stored entry " + shortHash(rowHash)
                            + " is not a valid entry: the row was edited");
                    damaged.entries++;
                    trails.add(damaged);
                    continue;
                }
                Trail trail = entry.sequence() == 1 ? null : byLastHash.remove(entry.previousHash());
                if (trail == null) {
                    trail = new Trail("laptop " + shortHash(entry.hash()));
                    trails.add(trail);
                    if (entry.sequence() != 1) {
                        trail.broken(entry.sequence(), "entry " + entry.sequence() + " (" + entry.action() + " by "
                                + entry.user() + ") follows entry " + shortHash(entry.previousHash())
                                + ", which is not on the server: it was removed or replaced");
                    }
                }
                trail.entries++;
                trail.uploaders.add(rows.getString(3) == null ? "" : rows.getString(3));
                AuditChain.Break broken = trail.problem != null ? null : AuditChain.check(trail.last, entry);
                if (broken == null && !entry.hash().equals(rowHash)) {
                    broken = AuditChain.Break.HASH_MISMATCH;
                }
                if (broken != null) {
                    trail.broken(entry.sequence(), describe(broken, entry));
                }
                trail.last = entry;
                byLastHash.put(entry.hash(), trail);
            }
        }
        return trails.stream().map(Trail::check).toList();
    }

    private static AuditEntry parse(String json) {
        try {
            return ProtocolJson.read(json, AuditEntry.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String describe(AuditChain.Break broken, AuditEntry entry) {
        String what = "entry " + entry.sequence() + " (" + entry.action() + " by " + entry.user() + " at "
                + entry.time() + ")";
        return switch (broken) {
        case HASH_MISMATCH -> what + " does not match its hash: the stored entry was edited";
        case GAP, OUT_OF_ORDER -> what + " does not follow the sequence of the entry before it";
        case WRONG_LINK -> what + " starts the trail but names a previous entry";
        };
    }

    static String shortHash(String hash) {
        return hash == null ? "?" : hash.substring(0, Math.min(12, hash.length()));
    }
}
