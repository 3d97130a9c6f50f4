package org.airgap.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathGlobTest {

    private static boolean matches(String glob, String path) {
        return PathGlob.matches(glob, path);
    }

    @Test
    void filterTakesIncludesAndDropsExcludes() {
        PathGlob.Filter filter = PathGlob.Filter.of(java.util.List.of("programs/**", "*.cfg"),
                java.util.List.of("**/*.bak"));
        assertTrue(filter.accepts("programs/main.mod"));
        assertTrue(filter.accepts("robot.cfg"));
        assertFalse(filter.accepts("programs/old/main.mod.bak"));
        assertFalse(filter.accepts("logs/today.log"));
        assertTrue(PathGlob.Filter.of(java.util.List.of(), java.util.List.of()).accepts("any/thing"));
    }

    @Test
    void onlyExcludesPruneAFolder() {
        PathGlob.Filter filter = PathGlob.Filter.of(java.util.List.of("programs/**"), java.util.List.of("tmp", "**/cache"));
        assertTrue(filter.prunes("tmp"));
        assertTrue(filter.prunes("programs/cache"));
        assertFalse(filter.prunes("logs")); // not included, but files below it might be
        assertFalse(filter.prunes("programs"));
    }

    @Test
    void starStaysWithinASegment() {
        assertTrue(matches("plc/*.txt", "plc/config.txt"));
        assertFalse(matches("plc/*.txt", "plc/sub/config.txt"));
        assertFalse(matches("*.txt", "plc/config.txt"));
    }

    @Test
    void doubleStarCrossesSegments() {
        assertTrue(matches("**/*.txt", "config.txt"));
        assertTrue(matches("**/*.txt", "a/b/config.txt"));
        assertTrue(matches("logs/**", "logs/2024/06/run.log"));
        assertTrue(matches("**", "anything/at/all"));
        assertFalse(matches("logs/**", "plc/logs.txt"));
    }

    @Test
    void questionMarkIsOneCharacterAndTheRestIsLiteral() {
        assertTrue(matches("file-?.cfg", "file-1.cfg"));
        assertFalse(matches("file-?.cfg", "file-10.cfg"));
        assertFalse(matches("file-?.cfg", "file-/.cfg"));
        assertTrue(matches("a+b (1).txt", "a+b (1).txt"));
        assertFalse(matches("a.txt", "abtxt"));
    }
}
