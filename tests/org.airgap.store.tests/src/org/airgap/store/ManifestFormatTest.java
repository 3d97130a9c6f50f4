package org.airgap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Manifest JSON from outside (an upload, an archive, a damaged store file) is refused with a message. */
class ManifestFormatTest {

    private static final Path SOURCE = Path.of("uploaded-manifest.json");

    /**
     * Found by fuzzing (tests/fuzz, ManifestFuzzTest): a number whose exponent exceeds an int made
     * BigDecimal throw NumberFormatException out of the parser — a 500 for an upload's manifest.
     */
    @Test
    void aNumberBeyondRangeIsACorruptManifestNamingTheField() {
        String[] manifests = { "{\"formatVersion\":1e999999999991111111}\n",
                "{\"formatVersion\":1,\"entries\":[{\"path\":\"a\",\"type\":\"file\",\"size\":1e99999999999}]}" };
        String[] problems = { "needs an integer \"formatVersion\"", "entry 0 ('a') needs an integer \"size\"" };
        for (int i = 0; i < manifests.length; i++) {
            byte[] json = manifests[i].getBytes(StandardCharsets.UTF_8);
            StoreException refused = assertThrows(StoreException.class, () -> ManifestFormat.parse(json, SOURCE));
            assertEquals(StoreException.Kind.CORRUPT_MANIFEST, refused.kind());
            assertTrue(refused.getMessage().contains(problems[i]), refused.getMessage());
        }
    }
}
