package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.ROBOT_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.Api;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.SnapshotCompare;
import org.airgap.store.ContentStore;
import org.airgap.store.SnapshotWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/admin/compare} on the real server: versions and runs of the press compared with the
 * compare engine, text and table differences, and every refusal.
 */
class AdminCompareTest extends ServerTestBase {

    private static final Instant TIME = Instant.parse("2026-11-20T08:00:00Z");
    private static final String TABLE_HEADER = "# airgap-table v1\naddress\ttype\tvalue\n";
    private static final byte[] BINARY = { 0, 1, 2, 3, 0, 42 };

    @BeforeEach
    void twoVersionsAndARun() throws Exception {
        commit("run-1", PRESS_JOB, snapshot(Map.of("config.ini", "[press]\nspeed=12\nmode=auto\n",
                "registers.table", TABLE_HEADER + "40001\tINT\t17\n40002\tINT\t230\n", "program.bin", BINARY)), true);
        commit("run-2", PRESS_JOB, snapshot(Map.of("config.ini", "[press]\nspeed=14\nmode=auto\n",
                "registers.table", TABLE_HEADER + "40001\tINT\t18\n40002\tINT\t230\n", "program.bin", BINARY)), true);
        commit("run-3", PRESS_JOB, snapshot(Map.of("config.ini", "[press]\nspeed=14\nmode=auto\n",
                "registers.table", TABLE_HEADER + "40001\tINT\t18\n40002\tINT\t230\n",
                "program.bin", new byte[] { 0, 9 }, "new.txt", "added\n")), false);
        commit("robot-run", ROBOT_JOB, snapshot(Map.of("robot.prg", "MOVE\n")), true);
    }

    @Test
    void twoVersionsGiveTheTreeTheTextDiffAndTheChangedRegister() throws Exception {
        SnapshotCompare compare = compare("left=v1&right=v2");
        assertEquals(CompareResult.DIFFERENT, compare.result());
        assertEquals(Integer.valueOf(1), compare.left().version());
        assertEquals("run-2", compare.right().runId());
        assertEquals(PRESS_JOB, compare.ignoreRulesOf());
        assertEquals(List.of("config.ini:CHANGED", "program.bin:EQUAL", "registers.table:CHANGED"),
                compare.entries().stream().map(e -> e.path() + ":" + e.status()).toList());
        assertEquals(Map.of("CHANGED", 2, "EQUAL", 1), compare.counts());

        SnapshotCompare.FileDiff text = compare.diffs().get(0);
        assertEquals("TEXT", text.kind());
        assertEquals("""
                --- v1/config.ini
                +++ v2/config.ini
                @@ -1,3 +1,3 @@
                 [press]
                -speed=12
                +speed=14
                 mode=auto
                """, text.text());
        assertEquals(List.of(" [press]", "-speed=12", "+speed=14", " mode=auto"), text.hunks().get(0).lines());

        SnapshotCompare.FileDiff table = compare.diffs().get(1);
        assertEquals("TABLE", table.kind());
        assertEquals(List.of("address", "type", "value"), table.columns());
        assertEquals(List.of(new SnapshotCompare.Row("CHANGED", "40001",
                List.of(new SnapshotCompare.Cell("value", "17", "18")))), table.rows());
        assertEquals("~ 40001 value: 17 -> 18\n", table.text());
        assertEquals(2, compare.diffs().size());
        assertEquals(0, compare.diffsOmitted());
    }

    @Test
    void aVersionWithARunAndTwoRunsShowBinaryAndAddedFiles() throws Exception {
        SnapshotCompare versionAndRun = compare("left=v2&right=run:run-3");
        assertEquals(List.of("config.ini:EQUAL", "new.txt:ADDED", "program.bin:CHANGED", "registers.table:EQUAL"),
                versionAndRun.entries().stream().map(e -> e.path() + ":" + e.status()).toList());
        assertEquals(List.of("new.txt:TEXT", "program.bin:NONE"),
                versionAndRun.diffs().stream().map(d -> d.path() + ":" + d.kind()).toList());
        assertTrue(versionAndRun.diffs().get(1).reason().contains("binary"), versionAndRun.diffs().get(1).reason());
        assertEquals("run-3", versionAndRun.right().runId());
        assertEquals(ALICE, versionAndRun.right().user());

        SnapshotCompare runs = compare("left=run:run-1&right=run:run-3");
        assertEquals(4, runs.entries().size());
        assertEquals(Map.of("ADDED", 1, "CHANGED", 3), runs.counts());

        SnapshotCompare onePath = compare("left=run:run-1&right=run:run-3&path=registers.table");
        assertEquals(List.of("registers.table"), onePath.diffs().stream().map(SnapshotCompare.FileDiff::path).toList());
        assertEquals(404, client.get(Api.ADMIN_COMPARE + "?component=" + PRESS + "&left=v1&right=v2&path=nothing",
                admin).status());
    }

    @Test
    void aMissingContentIsAnErrorWithItsReasonAndAHugeFileGetsNoLineDiff() throws Exception {
        byte[] huge = new byte[(int) SnapshotComparer.MAX_DIFF_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'x');
        commit("run-4", PRESS_JOB, snapshot(Map.of("config.ini", "[press]\nspeed=16\nmode=auto\n", "huge.txt", huge)),
                true);
        String missing = Fixture.sha256("[press]\nspeed=16\nmode=auto\n".getBytes(StandardCharsets.UTF_8));
        java.nio.file.Files.delete(server.data.resolve("store/blobs/" + missing.substring(0, 2) + "/" + missing));

        SnapshotCompare compare = compare("left=v2&right=v3");
        assertEquals(CompareResult.ERROR, compare.result());
        SnapshotCompare.Entry config = compare.entries().get(0);
        assertEquals("config.ini:ERROR", config.path() + ":" + config.status());
        assertTrue(config.detail().contains(missing.substring(0, 12)), config.detail());
        SnapshotCompare.FileDiff configDiff = compare.diffs().get(0);
        assertEquals("ERROR", configDiff.kind());
        assertEquals(config.detail(), configDiff.reason());
        SnapshotCompare.FileDiff hugeDiff = compare.diffs().stream().filter(d -> d.path().equals("huge.txt"))
                .findFirst().orElseThrow();
        assertEquals("NONE", hugeDiff.kind());
        assertTrue(hugeDiff.reason().startsWith("too large for a line diff on the server (4194305 bytes"),
                hugeDiff.reason());
    }

    @Test
    void unknownSnapshotsForeignRunsBadRefsAndTechniciansAreRefused() throws Exception {
        assertEquals("component press-1 has no version 9 (airgap admin versions press-1 lists them)",
                refused(404, "left=v1&right=v9"));
        assertEquals("component press-1 has no uploaded run robot-run", refused(404, "left=v1&right=run:robot-run"),
                "a run of another component");
        assertEquals("component press-1 has no uploaded run nothing", refused(404, "left=run:nothing&right=v1"));
        assertTrue(refused(400, "left=v1&right=version-2").contains("names no snapshot"));
        assertTrue(refused(400, "left=v1").contains("right is missing"));
        assertTrue(refused(400, "left=v0&right=v1").contains("names no snapshot"));
        assertTrue(refused(400, "left=v1&right=run:" + "r".repeat(5000)).contains("is longer than"));
        assertTrue(refused(400, "left=v1&right=v1&path=").startsWith("path must be a snapshot path"));
        assertTrue(refused(400, "left=v1&right=v1&path=" + "p".repeat(5000)).startsWith("path must be a snapshot path"));
        assertEquals(404, client.get(Api.ADMIN_COMPARE + "?component=no-such&left=v1&right=v2", admin).status());
        String alice = server.login(ALICE);
        assertEquals("administrators only: user alice is a technician", client.get(Api.ADMIN_COMPARE + "?component="
                + PRESS + "&left=v1&right=v2", alice).expect(403).error().error());
    }

    private SnapshotCompare compare(String query) throws Exception {
        return client.get(Api.ADMIN_COMPARE + "?component=" + PRESS + "&" + query, admin).expect(200)
                .as(SnapshotCompare.class);
    }

    private String refused(int status, String query) throws Exception {
        return client.get(Api.ADMIN_COMPARE + "?component=" + PRESS + "&" + query, admin).expect(status).error().error();
    }

    private String snapshot(Map<String, Object> files) throws IOException {
        ContentStore store = server.repository.store();
        try (SnapshotWriter writer = store.newSnapshot()) {
            for (var file : new java.util.TreeMap<>(files).entrySet()) {
                byte[] bytes = file.getValue() instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                        : (byte[]) file.getValue();
                writer.file(file.getKey(), TIME, new ByteArrayInputStream(bytes));
            }
            return writer.commit().id();
        }
    }

    private void commit(String runId, String jobId, String snapshotId, boolean version) throws Exception {
        Run run = new Run(runId, jobId, TIME, TIME.plusSeconds(30), 1, RunOutcome.SUCCEEDED, null, snapshotId,
                CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE, List.of());
        server.repository.commit(run, ALICE, new CommitResult(runId, CompareResult.DIFFERENT, CompareResult.DIFFERENT,
                null, false), version, null);
    }
}
