import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.airgap.compare.BlobSource;
import org.airgap.compare.EntryStatus;
import org.airgap.compare.SnapshotComparison;
import org.airgap.compare.internal.StreamingCompareEngine;
import org.airgap.model.IgnoreRule;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;

/**
 * Times the compare of two 10,000-file snapshots held in memory (docs/benchmarks.md). Scenario "1% changed":
 * 100 text files with a changed line, the rest equal by hash. Scenario "all read": every file differs only
 * in an ignored timestamp line, so every file is streamed line by line (the worst case for the engine).
 * Prints the median, minimum and maximum of the measured runs after warm-up runs.
 */
public final class CompareBenchmark {

    private static final int FILES = 10_000;
    private static final int WARMUP = 10;
    private static final int RUNS = 21;

    public static void main(String[] args) throws Exception {
        System.out.printf("java %s, %d processors%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        run("1% changed", 100);
        run("all read", 1);
    }

    private static void run(String name, int changedEvery) throws Exception {
        Map<String, byte[]> blobs = new HashMap<>();
        List<ManifestEntry> basis = new ArrayList<>();
        List<ManifestEntry> backup = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < FILES; i++) {
            String path = "station-" + (i / 100) + "/device-" + i + ".cfg";
            String content = "saved: 2024-06-11T10:00:00Z\n" + "parameter-%d=%d\n".formatted(i, i).repeat(40);
            String after = content;
            if (changedEvery == 1) {
                after = content.replace("2024-06-11", "2024-06-12");
            } else if (i % changedEvery == 0) {
                after = content.replace("parameter-" + i + "=" + i + "\n", "parameter-" + i + "=changed\n");
            }
            basis.add(file(path, content, blobs));
            backup.add(file(path, after, blobs));
            bytes += content.length();
        }
        Manifest basisManifest = new Manifest(basis);
        Manifest backupManifest = new Manifest(backup);
        BlobSource source = sha256 -> {
            byte[] content = blobs.get(sha256);
            if (content == null) {
                throw new IOException("no blob " + sha256);
            }
            return new ByteArrayInputStream(content);
        };
        List<IgnoreRule> rules = List.of(IgnoreRule.lines("**/*.cfg", "^saved: "));
        StreamingCompareEngine engine = new StreamingCompareEngine();
        SnapshotComparison last = null;
        for (int i = 0; i < WARMUP; i++) {
            last = engine.compare(basisManifest, source, backupManifest, source, rules, null);
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            last = engine.compare(basisManifest, source, backupManifest, source, rules, null);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("%-11s %,d files (%,d KB per side), %d changed, %d equal: median %.1f ms, min %.1f, max %.1f"
                + " (%d runs after %d warm-up)%n", name, FILES, bytes / 1024, last.count(EntryStatus.CHANGED),
                last.count(EntryStatus.EQUAL), millis[RUNS / 2], millis[0], millis[RUNS - 1], RUNS, WARMUP);
    }

    private static ManifestEntry file(String path, String content, Map<String, byte[]> blobs) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        blobs.put(sha256, bytes);
        return ManifestEntry.file(path, bytes.length, sha256, Instant.EPOCH);
    }
}
