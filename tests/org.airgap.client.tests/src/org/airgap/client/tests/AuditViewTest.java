package org.airgap.client.tests;

import static org.airgap.client.tests.WorkbenchServices.execute;
import static org.airgap.client.tests.WorkbenchServices.paintedScreenshot;
import static org.airgap.client.tests.WorkbenchServices.service;
import static org.airgap.client.tests.WorkbenchServices.waitUntil;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.audit.AuditEntry;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Audit trail view on the workbench's own workspace: entries newest first, and the chain's state. */
class AuditViewTest {

    private static final String SHOW_AUDIT_TRAIL = "org.airgap.client.audit.command.show";
    private static final String USER = "auditor";
    private static WorkbenchHarness workbench;
    private static JobRepository repository;

    @BeforeAll
    static void openWorkbench() throws Exception {
        repository = service(JobRepository.class);
        // Two syncs of what is there already: two entries of this test's user, whatever ran before.
        repository.replaceSynced(repository.synced(), USER);
        repository.replaceSynced(repository.synced(), USER);
        workbench = WorkbenchHarness.start("org.airgap.client.product");
    }

    @AfterAll
    static void closeWorkbench() {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void entriesAreListedNewestFirstUnderTheVerifiedState() throws Exception {
        List<AuditEntry> entries = repository.audit().entries();
        refresh();
        assertEquals("\u2713 Verified", text("audit.state"));
        assertEquals(entries.size() + " entries, hash chain intact", text("audit.stateDetail"));
        Table table = workbench.find(Table.class, testId("audit.table"));
        assertEquals(entries.size(), workbench.ui(table::getItemCount).intValue());
        AuditEntry newest = entries.get(entries.size() - 1);
        List<String> first = workbench.ui(() -> List.of(table.getItem(0).getText(0), table.getItem(0).getText(2),
                table.getItem(0).getText(3)));
        assertEquals(List.of(Long.toString(newest.sequence()), USER, "SYNC"), first);
        assertEquals("1", workbench.ui(() -> table.getItem(table.getItemCount() - 1).getText(0)));
        paintedScreenshot(workbench, "audit-trail-verified");
    }

    @Test
    void anEditedEntryShowsTheChainBrokenAtThatEntry() throws Exception {
        Path file = repository.audit().file();
        byte[] original = Files.readAllBytes(file);
        List<AuditEntry> entries = repository.audit().entries();
        AuditEntry edited = entries.get(entries.size() - 2); // this test's first sync
        String text = new String(original, StandardCharsets.UTF_8);
        String line = text.lines().filter(l -> l.startsWith("{\"sequence\":" + edited.sequence() + ",")).findFirst()
                .orElseThrow();
        assertTrue(line.contains("\"user\":\"" + USER + "\""), line);
        // Someone puts another name on the entry, keeping the line well-formed: only the hash tells.
        Files.writeString(file, text.replace(line, line.replace("\"user\":\"" + USER + "\"", "\"user\":\"auditee\"")));
        try {
            refresh();
            assertEquals("\u2717 Broken at entry " + edited.sequence(), text("audit.state"));
            assertTrue(text("audit.stateDetail").contains("(sequence " + edited.sequence()
                    + ") does not match its hash: the entry was edited or forged"), text("audit.stateDetail"));
            paintedScreenshot(workbench, "audit-trail-broken");
        } finally {
            Files.write(file, original); // same length: the open trail appends after it as before
        }
        refresh();
        assertEquals("\u2713 Verified", text("audit.state"));
    }

    /** Shows the part (Window > Audit trail) and presses Refresh, then waits for the verification. */
    private static void refresh() {
        execute(workbench, SHOW_AUDIT_TRAIL, Map.of());
        Button refresh = workbench.find(Button.class, testId("audit.refresh"));
        waitUntil(workbench, Duration.ofSeconds(30), "the first load", refresh::getEnabled);
        workbench.run(() -> refresh.notifyListeners(SWT.Selection, new Event()));
        waitUntil(workbench, Duration.ofSeconds(30), "the audit trail to be verified",
                () -> refresh.getEnabled() && !text("audit.state").startsWith("Verifying"));
    }

    private static String text(String id) {
        return workbench.ui(() -> workbench.find(Label.class, testId(id)).getText());
    }
}
