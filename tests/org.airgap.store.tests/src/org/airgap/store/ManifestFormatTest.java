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

    /**
     * Found by fuzzing (ManifestFuzzTest's round trip): a lone surrogate escaped in the JSON (U+DDDD) in a path or link
     * target is written to UTF-8 as '?', so the canonical manifest and its snapshot id were another
     * manifest's. Refused; a real pair (an emoji) stays.
     */
    @Test
    void aLoneSurrogateIsACorruptManifestAndAPairIsKept() throws StoreException {
        String link = "{\"formatVersion\":1,\"entries\":[{\"path\":\"hi/current\",\"type\":\"symlink\","
                + "\"size\":0,\"target\":\"%s\"}]}";
        for (String target : new String[] { "00\\uDDDD00", "\\uD83D", "a\\uDE00b" }) {
            byte[] json = String.format(link, target).getBytes(StandardCharsets.UTF_8);
            StoreException refused = assertThrows(StoreException.class, () -> ManifestFormat.parse(json, SOURCE),
                    target);
            assertEquals(StoreException.Kind.CORRUPT_MANIFEST, refused.kind());
            assertTrue(refused.getMessage().contains("entry 0 ('hi/current') has a \"target\" that is not valid"
                    + " Unicode"), refused.getMessage());
        }
        byte[] pair = String.format(link, "\\uD83D\\uDE00").getBytes(StandardCharsets.UTF_8);
        Manifest manifest = ManifestFormat.parse(pair, SOURCE);
        assertEquals("\uD83D\uDE00", manifest.entries().get(0).linkTarget());
        assertEquals(manifest, ManifestFormat.parse(ManifestFormat.toJson(manifest), SOURCE));
    }
}
