package org.airgap.fuzz;

import java.nio.file.Path;
import java.util.Arrays;

import org.airgap.store.Manifest;
import org.airgap.store.ManifestFormat;
import org.airgap.store.SnapshotRules;
import org.airgap.store.StoreException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A snapshot manifest as the server receives it in an upload, the store reads it from disk and an archive
 * carries it: parsed (StoreException otherwise), then held to the snapshot writer's rules
 * (IllegalArgumentException naming the entry otherwise). A manifest that passes both writes back to
 * canonical JSON that parses to the same manifest.
 */
class ManifestFuzzTest {

    private static final Path SOURCE = Path.of("fuzzed-manifest.json");

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] json) throws StoreException {
        Manifest manifest;
        try {
            manifest = ManifestFormat.parse(json, SOURCE);
        } catch (StoreException e) {
            Contract.requireMessage(e);
            return;
        }
        try {
            SnapshotRules.check(manifest);
        } catch (IllegalArgumentException e) {
            Contract.requireMessage(e);
            return;
        }
        byte[] canonical = ManifestFormat.toJson(manifest);
        if (!ManifestFormat.parse(canonical, SOURCE).equals(manifest)
                || !Arrays.equals(canonical, ManifestFormat.toJson(ManifestFormat.parse(canonical, SOURCE)))) {
            throw new AssertionError("a manifest does not survive writing and reading: " + manifest);
        }
    }
}
