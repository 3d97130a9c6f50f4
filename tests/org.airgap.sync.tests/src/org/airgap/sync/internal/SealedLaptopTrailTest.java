package org.airgap.sync.internal;

import static org.airgap.sync.internal.SyncTest.ANNA;
import static org.airgap.sync.internal.SyncTest.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.audit.AuditEntry;
import org.airgap.audit.AuditVerification;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.server.core.AuditFilter;
import org.airgap.session.ClientSession;
import org.airgap.testing.MarkerSearch;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

/**
 * A stolen laptop after a whole day's work — online login, sync, a backup, the push — keeps neither its session's
 * bearer token nor the job id, run id or snapshot id its audit trail names readable in any file of the
 * workspace or of the temp folder, while the server receives the same audit entries with the same hashes and
 * verifies their chain as before (docs/security.md, "Stolen laptop").
 */
class SealedLaptopTrailTest extends LaptopAndServer {

    /** The job's id is itself a marker: the audit trail names it in every JOB_STARTED and JOB_FINISHED entry. */
    private static final String JOB = "job-marker-5e0b9d27c4a1f863";

    @Override
    void definePlant() throws Exception {
        JobOptions options = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        server.define(new AdminImport(List.of(new Folder("hall-1", "Hall 1", null)),
                List.of(new Component("plc", "PLC", "hall-1", "directory", Map.of())),
                List.of(new Job(JOB, "plc", "PLC program", Map.of(), options)), List.of(new Assignment(JOB, ANNA))));
    }

    @Test
    void noFileHoldsTheTokenOrTheTrailsIdsAndTheServerVerifiesTheSameChain() throws Exception {
        Instant started = Instant.now().minusSeconds(2); // file times may be coarser than the clock
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, new NullProgressMonitor());
        Run run = laptop.backup(JOB, ANNA, Map.of("program.txt", "the program".getBytes(StandardCharsets.UTF_8)));
        int sent = laptop.sync.push(session, new NullProgressMonitor()).auditEntriesSent();

        assertTrue(laptop.workspace.encrypted() && laptop.workspace.audit().sealed());
        List<AuditEntry> entries = laptop.workspace.audit().entries();
        assertEquals(entries.size(), sent);
        assertTrue(entries.stream().anyMatch(entry -> entry.subject().equals(JOB)
                && entry.details().contains(run.id()) && entry.details().contains(run.snapshotId())), entries.toString());
        // The server received the entries' plain content with the laptop's hashes, and their chain verifies.
        List<AuditTrailCheck> trails = server.repository().verifyAuditTrails(AuditFilter.Source.LAPTOPS);
        assertEquals(1, trails.size(), trails.toString());
        assertTrue(trails.get(0).intact(), trails.toString());
        assertEquals(entries.size(), trails.get(0).entries());
        List<String> serverHashes = server.repository().auditTrail(new AuditFilter(null, null, null, null, null,
                AuditFilter.Source.LAPTOPS, 100, null)).entries().stream().map(AuditLogEntry::hash).toList();
        assertEquals(entries.stream().map(AuditEntry::hash).toList(), serverHashes);

        String[] markers = { session.token(), JOB, run.id(), run.snapshotId() };
        assertEquals(List.of(), MarkerSearch.search(laptop.workspace.location(), markers), "the laptop's workspace");
        Path temp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        assertEquals(List.of(), MarkerSearch.search(temp, started, Set.of(folder.resolve("server").toRealPath()), markers),
                "the temp folder (without the server's data, which keeps the job and run)");
        assertFalse(MarkerSearch.search(folder.resolve("server"), JOB).isEmpty(), "the search finds a marker where it is");

        // Without the key: nothing reads, and verify checks what it can.
        laptop.sessions.logout();
        assertFalse(laptop.workspace.unlocked());
        AuditVerification keyless = laptop.workspace.audit().verify();
        assertTrue(keyless.ok() && !keyless.chainChecked(), keyless.summary());
        assertEquals(entries.size() + 1, keyless.validEntries(), "and the LOGOUT, written before the lock");
        assertEquals(List.of(), MarkerSearch.search(laptop.workspace.location(), markers));
        assertFalse(new String(Files.readAllBytes(laptop.sessions.folder().resolve("current.json")),
                StandardCharsets.ISO_8859_1).contains(ANNA), "the ended session's file is sealed too");
    }
}
