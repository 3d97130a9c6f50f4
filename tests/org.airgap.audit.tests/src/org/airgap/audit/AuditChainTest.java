package org.airgap.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The chain's rules apply to any {@link AuditChain.Link}, such as the server's own entries with actions of their own. */
class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.125Z");

    /** A chained entry whose action is not an {@link AuditAction}, as the server's own trail has them. */
    private record ServerLink(long sequence, String action, String previousHash, String hash) implements AuditChain.Link {
        static ServerLink create(long sequence, String action, String previousHash) {
            return new ServerLink(sequence, action, previousHash, AuditChain.hash(previousHash, sequence, T0, "admin",
                    action, "folder plant", "created"));
        }

        @Override
        public boolean hashValid() {
            return hash.equals(AuditChain.hash(previousHash, sequence, T0, "admin", action, "folder plant", "created"));
        }
    }

    @Test
    void anEntryHashesItsPreviousHashALineFeedAndItsCanonicalContent() throws Exception {
        AuditEntry entry = AuditEntry.create(1, T0, "tech1", AuditAction.SYNC, "server", "2 jobs \"pulled\"",
                AuditEntry.GENESIS_HASH);
        String content = "{\"sequence\":1,\"time\":\"2026-03-01T08:00:00.125Z\",\"user\":\"tech1\",\"action\":\"SYNC\","
                + "\"subject\":\"server\",\"details\":\"2 jobs \\\"pulled\\\"\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((AuditEntry.GENESIS_HASH + "\n" + content).getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest), entry.hash());
        assertEquals(entry.hash(), AuditChain.hash(AuditEntry.GENESIS_HASH, 1, T0, "tech1", "SYNC", "server",
                "2 jobs \"pulled\""), "the same rule for an action given as a word");
    }

    @Test
    void linksWithActionsOfTheirOwnFollowTheSameRules() {
        ServerLink first = ServerLink.create(1, "FOLDER_CREATE", AuditEntry.GENESIS_HASH);
        ServerLink second = ServerLink.create(2, "GC", first.hash());
        assertNull(AuditChain.check(null, first));
        assertNull(AuditChain.check(first, second));
        assertEquals(AuditChain.Break.HASH_MISMATCH,
                AuditChain.check(first, new ServerLink(2, "VERSION_DELETE", first.hash(), second.hash())));
        assertEquals(AuditChain.Break.GAP, AuditChain.check(null, second));
        assertEquals(AuditChain.Break.OUT_OF_ORDER, AuditChain.check(second, first));
        ServerLink elsewhere = ServerLink.create(2, "GC", "1".repeat(64));
        assertEquals(AuditChain.Break.WRONG_LINK, AuditChain.check(first, elsewhere));
        assertNotEquals(first.hash(), ServerLink.create(1, "FOLDER_DELETE", AuditEntry.GENESIS_HASH).hash(),
                "the action is part of the content");
    }
}
