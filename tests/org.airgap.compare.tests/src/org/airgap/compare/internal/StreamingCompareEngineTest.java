package org.airgap.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.airgap.compare.BlobSource;
import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.compare.FileDiff;
import org.airgap.compare.SnapshotComparison;
import org.airgap.model.CompareResult;
import org.airgap.model.IgnoreRule;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;

class StreamingCompareEngineTest {

    private static final String CONFIG = """
            # backup of press-3
            saved: 2024-06-11 10:00:00
            speed=120
            limit=300
            """;
    private static final String TABLE = """
            # airgap-table v1
            # read at 2024-06-11T10:00:00Z
            address\tvalue
            40001\t17
            40002\t230
            """;
    private static final BlobSource NOTHING_READABLE = sha256 -> {
        throw new IOException("must not be read: " + sha256);
    };

    private final StreamingCompareEngine engine = new StreamingCompareEngine();

    private SnapshotComparison compare(TestSnapshot basis, TestSnapshot backup, IgnoreRule... rules) {
        return engine.compare(basis.manifest(), basis.source, backup.manifest(), backup.source, List.of(rules), null);
    }

    private static TestSnapshot plc() {
        return new TestSnapshot().directory("plc").file("plc/config.txt", CONFIG).file("plc/program.bin", new byte[] { 1, 0, 2 })
                .symlink("plc/current", "program.bin").file("plc/registers.tsv", TABLE);
    }

    private static Map<String, EntryStatus> statuses(SnapshotComparison comparison) {
        return comparison.entries().stream().collect(Collectors.toMap(EntryComparison::path, EntryComparison::status));
    }

    @Test
    void equalSnapshotsAreEqualWithoutReadingAnyContent() {
        TestSnapshot basis = plc();
        TestSnapshot backup = plc();
        SnapshotComparison comparison = engine.compare(basis.manifest(), NOTHING_READABLE, backup.manifest(),
                NOTHING_READABLE, List.of(), new NullProgressMonitor());
        assertEquals(CompareResult.EQUAL, comparison.result());
        assertEquals(5, comparison.entries().size());
        assertEquals(5, comparison.count(EntryStatus.EQUAL));
        assertTrue(comparison.differences().isEmpty());
    }

    @Test
    void addedRemovedAndChangedFiles() {
        TestSnapshot basis = plc().file("plc/old.log", "x\n");
        TestSnapshot backup = new TestSnapshot().directory("plc").file("plc/config.txt", CONFIG.replace("speed=120", "speed=125"))
                .file("plc/program.bin", new byte[] { 1, 0, 2 }).symlink("plc/current", "program.bin")
                .file("plc/registers.tsv", TABLE).file("plc/new.log", "y\n");
        SnapshotComparison comparison = compare(basis, backup);
        assertEquals(CompareResult.DIFFERENT, comparison.result());
        assertEquals(Map.of("plc", EntryStatus.EQUAL, "plc/config.txt", EntryStatus.CHANGED, "plc/program.bin",
                EntryStatus.EQUAL, "plc/current", EntryStatus.EQUAL, "plc/registers.tsv", EntryStatus.EQUAL,
                "plc/old.log", EntryStatus.REMOVED, "plc/new.log", EntryStatus.ADDED), statuses(comparison));
        assertEquals(List.of("plc/config.txt", "plc/new.log", "plc/old.log"),
                comparison.differences().stream().map(EntryComparison::path).toList());
        EntryComparison added = comparison.entry("plc/new.log").orElseThrow();
        assertNull(added.basis());
        assertNotNull(added.backup());
    }

    @Test
    void aTimestampLineRuleMakesARewrittenFileEqualButNotARealChange() {
        IgnoreRule timestamps = IgnoreRule.lines("plc/*.txt", "^saved: ");
        TestSnapshot basis = plc();
        TestSnapshot onlyTimestamp = withConfig(CONFIG.replace("10:00:00", "11:30:00"));

        assertEquals(CompareResult.DIFFERENT, compare(basis, onlyTimestamp).result(), "without the rule");
        SnapshotComparison ignored = compare(basis, onlyTimestamp, timestamps);
        assertEquals(CompareResult.EQUAL, ignored.result());
        EntryComparison config = ignored.entry("plc/config.txt").orElseThrow();
        assertEquals(EntryStatus.EQUAL, config.status());
        assertEquals("differs only in ignored lines", config.detail());

        TestSnapshot realChange = withConfig(CONFIG.replace("10:00:00", "11:30:00").replace("limit=300", "limit=310"));
        SnapshotComparison changed = compare(basis, realChange, timestamps);
        assertEquals(CompareResult.DIFFERENT, changed.result());
        assertEquals(EntryStatus.CHANGED, changed.entry("plc/config.txt").orElseThrow().status());

        // The rule's glob decides which files it applies to.
        assertEquals(CompareResult.DIFFERENT,
                compare(basis, onlyTimestamp, IgnoreRule.lines("other/*.txt", "^saved: ")).result());
        // A timestamp line that disappears is ignored as well, a line added at the end is not.
        assertEquals(CompareResult.EQUAL,
                compare(basis, withConfig(CONFIG.replace("saved: 2024-06-11 10:00:00\n", "")), timestamps).result());
        assertEquals(CompareResult.DIFFERENT, compare(basis, withConfig(CONFIG + "extra=1\n"), timestamps).result());
    }

    private static TestSnapshot withConfig(String config) {
        return new TestSnapshot().directory("plc").file("plc/config.txt", config).file("plc/program.bin", new byte[] { 1, 0, 2 })
                .symlink("plc/current", "program.bin").file("plc/registers.tsv", TABLE);
    }

    @Test
    void binaryFilesAreComparedByHashEvenWhereARuleMatches() {
        TestSnapshot basis = new TestSnapshot().file("dump.bin", "saved: 1\n\0\u0001data\n");
        TestSnapshot backup = new TestSnapshot().file("dump.bin", "saved: 2\n\0\u0001data\n");
        EntryComparison entry = compare(basis, backup, IgnoreRule.lines("**", "^saved: ")).entries().get(0);
        assertEquals(EntryStatus.CHANGED, entry.status());
        assertEquals("binary content: compared by hash", entry.detail());
    }

    @Test
    void wholeFileRulesLeaveFilesOutEntirely() {
        TestSnapshot basis = plc().file("logs/run.log", "a\n");
        TestSnapshot backup = withConfig(CONFIG).file("logs/run.log", "b\n").file("logs/extra.log", "c\n");
        SnapshotComparison comparison = compare(basis, backup, IgnoreRule.files("logs/**"));
        assertEquals(CompareResult.EQUAL, comparison.result());
        assertEquals(EntryStatus.IGNORED, comparison.entry("logs/run.log").orElseThrow().status());
        assertEquals(EntryStatus.IGNORED, comparison.entry("logs/extra.log").orElseThrow().status());
        assertEquals(2, comparison.count(EntryStatus.IGNORED));
        assertEquals(CompareResult.DIFFERENT, compare(basis, backup, IgnoreRule.files("logs/run.log")).result());
    }

    @Test
    void anUnreadableBlobIsAnErrorNamingTheFile() {
        TestSnapshot basis = plc();
        TestSnapshot backup = withConfig(CONFIG + "extra=1\n").file("plc/z-added.txt", "new\n");
        String missing = backup.entry("plc/config.txt").sha256();
        backup.blobs.remove(missing);
        SnapshotComparison comparison = compare(basis, backup, IgnoreRule.lines("**", "^saved: "));
        assertEquals(CompareResult.ERROR, comparison.result(), "an error outweighs the added file");
        EntryComparison config = comparison.entry("plc/config.txt").orElseThrow();
        assertEquals(EntryStatus.ERROR, config.status());
        assertEquals("cannot read the backup version of plc/config.txt (blob " + missing + "): no such file blobs/"
                + missing, config.detail());
        assertEquals(EntryStatus.ADDED, comparison.entry("plc/z-added.txt").orElseThrow().status());
    }

    @Test
    void aReadErrorHalfwayThroughIsAnErrorNamingTheFile() {
        String longConfig = CONFIG + "x=1\n".repeat(1000);
        TestSnapshot basis = withConfig(longConfig);
        TestSnapshot backup = withConfig(longConfig.replace("10:00:00", "12:00:00"));
        SnapshotComparison comparison = engine.compare(basis.manifest(), TestSnapshot.failingAfter(basis.source, 2000),
                backup.manifest(), backup.source, List.of(IgnoreRule.lines("**", "^saved: ")), null);
        assertEquals(CompareResult.ERROR, comparison.result());
        assertEquals("cannot read the basis version of plc/config.txt (blob "
                + basis.entry("plc/config.txt").sha256() + "): read error at byte 2000",
                comparison.entry("plc/config.txt").orElseThrow().detail());
    }

    @Test
    void withoutABasisNothingIsAvailable() {
        TestSnapshot backup = plc();
        SnapshotComparison comparison = engine.compare(null, null, backup.manifest(), backup.source, List.of(), null);
        assertEquals(CompareResult.NOT_AVAILABLE, comparison.result());
        assertTrue(comparison.entries().isEmpty());
    }

    @Test
    void typeAndLinkTargetChangesAreChanges() {
        TestSnapshot basis = new TestSnapshot().file("a", "x\n").symlink("link", "one").directory("d");
        TestSnapshot backup = new TestSnapshot().directory("a").symlink("link", "two").directory("d");
        SnapshotComparison comparison = compare(basis, backup);
        assertEquals(CompareResult.DIFFERENT, comparison.result());
        assertEquals("was a file, is a directory", comparison.entry("a").orElseThrow().detail());
        assertEquals(EntryStatus.CHANGED, comparison.entry("a").orElseThrow().status());
        assertEquals("link target one -> two", comparison.entry("link").orElseThrow().detail());
        assertEquals(EntryStatus.EQUAL, comparison.entry("d").orElseThrow().status());
    }

    @Test
    void tableFilesThatDifferOnlyInCommentsAreEqual() throws IOException {
        TestSnapshot basis = plc();
        TestSnapshot reread = new TestSnapshot().file("plc/registers.tsv", TABLE.replace("10:00:00", "11:00:00"));
        TestSnapshot changed = new TestSnapshot().file("plc/registers.tsv",
                TABLE.replace("10:00:00", "11:00:00").replace("40002\t230", "40002\t231"));
        TestSnapshot basisTable = new TestSnapshot().file("plc/registers.tsv", TABLE);
        EntryComparison same = compare(basisTable, reread).entries().get(0);
        assertEquals(EntryStatus.EQUAL, same.status());
        assertEquals("differs only in table comments", same.detail());
        assertEquals(EntryStatus.CHANGED, compare(basisTable, changed).entries().get(0).status());

        FileDiff diff = engine.diff(basis.entry("plc/registers.tsv"), basis.source, changed.entry("plc/registers.tsv"),
                changed.source, List.of());
        FileDiff.Table table = assertInstanceOf(FileDiff.Table.class, diff);
        assertEquals("~ 40002 value: 230 -> 231\n", table.diff().format());
    }

    @Test
    void diffOfTextFilesIsAUnifiedDiffHonouringTheRules() throws IOException {
        TestSnapshot basis = withConfig(CONFIG);
        TestSnapshot backup = withConfig(CONFIG.replace("10:00:00", "11:00:00").replace("limit=300", "limit=310"));
        FileDiff diff = engine.diff(basis.entry("plc/config.txt"), basis.source, backup.entry("plc/config.txt"),
                backup.source, List.of(IgnoreRule.lines("**/*.txt", "^saved: ")));
        FileDiff.Text text = assertInstanceOf(FileDiff.Text.class, diff);
        assertEquals("""
                --- basis/plc/config.txt
                +++ backup/plc/config.txt
                @@ -1,4 +1,4 @@
                 # backup of press-3
                -saved: 2024-06-11 10:00:00
                +saved: 2024-06-11 11:00:00
                 speed=120
                -limit=300
                +limit=310
                """, text.unified());
        assertEquals(1, text.diff().added());

        FileDiff added = engine.diff(null, basis.source, backup.entry("plc/config.txt"), backup.source, List.of());
        assertTrue(((FileDiff.Text) added).unified().startsWith("--- /dev/null\n+++ backup/plc/config.txt\n@@ -0,0 +1,4 @@\n"));

        FileDiff binary = engine.diff(basis.entry("plc/program.bin"), basis.source, backup.entry("plc/program.bin"),
                backup.source, List.of());
        assertEquals(new FileDiff.Opaque("plc/program.bin", true, "binary content: compared by hash"), binary);

        TestSnapshot broken = new TestSnapshot().file("t.tsv", "# airgap-table v1\nk\tv\nb\t1\na\t2\n");
        TestSnapshot fixed = new TestSnapshot().file("t.tsv", "# airgap-table v1\nk\tv\na\t2\nb\t1\n");
        FileDiff.Text fallback = assertInstanceOf(FileDiff.Text.class,
                engine.diff(broken.entry("t.tsv"), broken.source, fixed.entry("t.tsv"), fixed.source, List.of()));
        assertTrue(fallback.note().contains("line 4"), fallback.note());
    }

    @Test
    void anInvalidLinePatternIsRefusedNamingTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compare(plc(), plc(), IgnoreRule.lines("plc/*.txt", "saved: (")));
        assertTrue(e.getMessage().contains("plc/*.txt"), e.getMessage());
    }

    @Test
    void progressCoversEveryEntryAndCancellationStops() {
        TestSnapshot basis = plc();
        TestSnapshot backup = withConfig(CONFIG + "x\n");
        int[] work = new int[2];
        engine.compare(basis.manifest(), basis.source, backup.manifest(), backup.source, List.of(),
                new NullProgressMonitor() {
                    @Override
                    public void beginTask(String name, int totalWork) {
                        work[0] = totalWork;
                    }

                    @Override
                    public void internalWorked(double worked) {
                        work[1] += (int) Math.round(worked);
                    }

                    @Override
                    public void worked(int worked) {
                        internalWorked(worked);
                    }
                });
        assertTrue(work[0] > 0);
        assertEquals(work[0], work[1], "all work reported");

        NullProgressMonitor cancelled = new NullProgressMonitor();
        cancelled.setCanceled(true);
        assertThrows(OperationCanceledException.class, () -> engine.compare(basis.manifest(), basis.source,
                backup.manifest(), backup.source, List.of(), cancelled));
    }

    /** Ten thousand files, most equal by hash, some with changed lines, some only with ignored changes. */
    @Test
    void tenThousandFiles() {
        TestSnapshot basis = new TestSnapshot();
        TestSnapshot backup = new TestSnapshot();
        for (int i = 0; i < 10_000; i++) {
            String path = "station-" + (i / 100) + "/file-" + i + ".cfg";
            String content = "saved: 2024-06-11\nid=" + i + "\n" + "parameter=1\n".repeat(20);
            basis.file(path, content);
            String after = i % 100 == 0 ? content.replace("id=" + i, "id=" + i + "b")
                    : i % 100 == 1 ? content.replace("2024-06-11", "2024-06-12") : content;
            backup.file(path, after.getBytes(StandardCharsets.UTF_8));
        }
        SnapshotComparison comparison = compare(basis, backup, IgnoreRule.lines("**/*.cfg", "^saved: "));
        assertEquals(CompareResult.DIFFERENT, comparison.result());
        assertEquals(10_000, comparison.entries().size());
        assertEquals(100, comparison.count(EntryStatus.CHANGED));
        assertEquals(9_900, comparison.count(EntryStatus.EQUAL));
    }
}
