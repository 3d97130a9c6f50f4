package org.airgap.client.tests;

import static org.airgap.client.tests.WorkbenchServices.execute;
import static org.airgap.client.tests.WorkbenchServices.paintedScreenshot;
import static org.airgap.client.tests.WorkbenchServices.service;
import static org.airgap.client.tests.WorkbenchServices.waitUntil;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.airgap.client.compare.CompareCommands;
import org.airgap.compare.CompareEngine;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.TableFile;
import org.airgap.model.Baseline;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.runner.JobRunner;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Compare view on real data: a workspace (the workbench's own JobRepository service) synced with a
 * server version, and runs made by the real job runner with the directory driver on temporary folders.
 */
class CompareViewTest {

    private static final String USER = "tech1";
    private static final Instant SAVED = Instant.parse("2026-11-20T08:00:00Z");
    private static final int BIG_FOLDERS = 100;
    private static final int BIG_FILES_PER_FOLDER = 100;

    private static WorkbenchHarness workbench;
    private static JobRepository repository;
    private static Run changedRun;
    private static Run bigRun;

    @BeforeAll
    static void prepareWorkspaceAndOpenWorkbench() throws Exception {
        repository = service(JobRepository.class);
        JobRunner runner = service(JobRunner.class);
        Path temp = Files.createTempDirectory("airgap-compare-view");
        Path hmi = writeHmiDevice(Files.createDirectories(temp.resolve("hmi")));
        Path big = writeBigDevice(Files.createDirectories(temp.resolve("big")));

        // The server's version of the HMI lacks docs/manual.txt; the big device's differs in 20 files.
        Snapshot hmiServerVersion = snapshotOf(hmi, path -> !path.equals("docs/manual.txt"), content -> content);
        Snapshot bigServerVersion = snapshotOf(big, path -> true,
                content -> content.startsWith("changed on the server") ? "older value\n" : content);
        JobOptions options = JobOptions.defaults();
        repository.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall 3", null)),
                List.of(new Component("hmi", "Press line HMI", "hall", "directory", Map.of("path", hmi.toString())),
                        new Component("big", "Paint shop file server", "hall", "directory",
                                Map.of("path", big.toString()))),
                List.of(new Job("job-hmi", "hmi", "HMI project", Map.of(), options),
                        new Job("job-big", "big", "Paint shop share", Map.of(), options)),
                List.of(new Baseline("hmi", version("hmi", hmiServerVersion), null),
                        new Baseline("big", version("big", bigServerVersion), null))), USER);

        service(DeviceDriver.class, "(" + DeviceDriver.ID + "=directory)"); // bound to the runner dynamically
        Run first = runner.run("job-hmi", USER, DriverProgress.NONE);
        assertEquals(RunOutcome.SUCCEEDED, first.outcome(), first.messages().toString());
        // On site: one line of the project changed, one register, one recipe replaced by another.
        Files.writeString(hmi.resolve("config/project.cfg"), projectFile(1500));
        Files.writeString(hmi.resolve("registers/holding.tsv"), registers(245));
        Files.delete(hmi.resolve("recipes/old.txt"));
        Files.writeString(hmi.resolve("recipes/new.txt"), "flour=4\nwater=2\n");
        changedRun = runner.run("job-hmi", USER, DriverProgress.NONE);
        assertEquals(CompareResult.DIFFERENT, changedRun.serverVersionResult(), changedRun.messages().toString());
        assertEquals(CompareResult.DIFFERENT, changedRun.previousBackupResult());

        long start = System.nanoTime();
        bigRun = runner.run("job-big", USER, DriverProgress.NONE);
        assertEquals(RunOutcome.SUCCEEDED, bigRun.outcome(), bigRun.messages().toString());
        System.out.printf("CompareViewTest: workspace %s; backup of %d files took %d ms%n", repository.location(),
                BIG_FOLDERS * BIG_FILES_PER_FOLDER, (System.nanoTime() - start) / 1_000_000);

        workbench = WorkbenchHarness.start("org.airgap.client.product");
    }

    @AfterAll
    static void closeWorkbench() {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void serverVersionCompareMarksEachChangedFileAndHidesEqualOnesUntilAsked() {
        open(changedRun, CompareCommands.BASIS_SERVER);
        assertTrue(text("compare.summary").startsWith("Different: 2 changed, 2 added, 1 removed"),
                text("compare.summary"));
        Map<String, TreeItem> items = treeItems();
        assertEquals(Map.of(
                "config", "1 change", "config/project.cfg", "Changed",
                "docs", "1 change", "docs/manual.txt", "Added",
                "recipes", "2 changes", "recipes/new.txt", "Added", "recipes/old.txt", "Removed",
                "registers", "1 change", "registers/holding.tsv", "Changed"), statuses(items));
        // Each mark has its icon and its own colour.
        RGB added = workbench.ui(() -> items.get("recipes/new.txt").getForeground(1).getRGB());
        RGB removed = workbench.ui(() -> items.get("recipes/old.txt").getForeground(1).getRGB());
        RGB changed = workbench.ui(() -> items.get("config/project.cfg").getForeground(1).getRGB());
        assertFalse(added.equals(removed) || added.equals(changed) || removed.equals(changed));
        assertTrue(workbench.ui(() -> items.values().stream().allMatch(item -> item.getImage(1) != null
                && item.getImage(0) != null)));
        paintedScreenshot(workbench, "compare-server-version-changes-only");

        Button changesOnly = workbench.find(Button.class, testId("compare.changesOnly"));
        assertTrue(workbench.ui(changesOnly::getSelection), "changes only is on by default");
        click(changesOnly, false);
        Map<String, String> all = statuses(treeItems());
        assertEquals("Equal", all.get("docs/readme.txt"));
        assertEquals("Added", all.get("docs/manual.txt"));
        click(changesOnly, true);
        assertNull(statuses(treeItems()).get("docs/readme.txt"));
    }

    @Test
    void aChangedTextFileShowsSideBySideWithTheChangedLineHighlighted() {
        open(changedRun, CompareCommands.BASIS_SERVER);
        select(treeItems().get("config/project.cfg"));
        StyledText left = workbench.find(StyledText.class, testId("compare.text.left"));
        StyledText right = workbench.find(StyledText.class, testId("compare.text.right"));
        waitUntil(workbench, Duration.ofSeconds(20), "the text diff", () -> right.isVisible() && right.getLineCount() > 1);
        int row = workbench.ui(() -> {
            for (int i = 0; i < right.getLineCount(); i++) {
                if (right.getLine(i).startsWith("speed_070")) {
                    return i;
                }
            }
            return -1;
        });
        assertEquals("speed_070 = 1500", workbench.ui(() -> right.getLine(row)));
        assertEquals("speed_070 = 1450", workbench.ui(() -> left.getLine(row)), "the lines stand side by side");
        assertNotNull(workbench.ui(() -> right.getLineBackground(row)), "the changed line is highlighted");
        assertNull(workbench.ui(() -> right.getLineBackground(row - 1)), "equal lines are not");
        assertEquals(workbench.ui(left::getLineCount), workbench.ui(right::getLineCount));
        assertEquals("Change 1 of 1", text("compare.text.position"));
        // The view went to the change: both sides show it, scrolled alike.
        assertEquals(workbench.ui(left::getTopIndex), workbench.ui(right::getTopIndex));
        assertEquals(row, workbench.ui(() -> right.getLineAtOffset(right.getCaretOffset())));
        assertTrue(workbench.ui(left::getTopIndex) > 0, "the change is further down than a screen");
        paintedScreenshot(workbench, "compare-text-diff");

        // Scrolling one side scrolls the other.
        workbench.run(() -> {
            right.setTopIndex(0);
            right.getVerticalBar().notifyListeners(SWT.Selection, new Event());
        });
        workbench.settle();
        assertEquals(0, workbench.ui(left::getTopIndex));
    }

    @Test
    void aChangedRegisterShowsAsATableRowWithAddressOldAndNewValue() {
        open(changedRun, CompareCommands.BASIS_SERVER);
        select(treeItems().get("registers/holding.tsv"));
        Table table = workbench.find(Table.class, testId("compare.table"));
        waitUntil(workbench, Duration.ofSeconds(20), "the table diff", () -> table.isVisible() && table.getItemCount() > 0);
        List<List<String>> rows = workbench.ui(() -> {
            List<List<String>> cells = new ArrayList<>();
            for (TableItem item : table.getItems()) {
                cells.add(List.of(item.getText(0), item.getText(2), item.getText(3), item.getText(4)));
            }
            return cells;
        });
        assertEquals(List.of(List.of("40012", "230", "245", "Changed")), rows);
        assertEquals("address", workbench.ui(() -> table.getColumn(0).getText()));
        paintedScreenshot(workbench, "compare-table-diff");
    }

    @Test
    void thePreviousBackupIsTheOtherBasis() {
        open(changedRun, CompareCommands.BASIS_PREVIOUS);
        assertTrue(text("compare.summary").startsWith("Different: 2 changed, 1 added, 1 removed"),
                text("compare.summary"));
        Map<String, String> statuses = statuses(treeItems());
        assertNull(statuses.get("docs/manual.txt"), "the previous backup had the manual already");
        assertEquals("Added", statuses.get("recipes/new.txt"));
        assertTrue(workbench.ui(() -> workbench.find(Button.class, testId("compare.basis.previous")).getSelection()));
        paintedScreenshot(workbench, "compare-previous-backup");
    }

    @Test
    void arrowKeysWalkTheTreeAndShowEachFile() {
        open(changedRun, CompareCommands.BASIS_SERVER);
        Tree tree = workbench.find(Tree.class, testId("compare.tree"));
        Map<String, TreeItem> items = treeItems();
        select(items.get("config/project.cfg"));
        workbench.run(() -> {
            workbench.mainShell().orElseThrow().forceActive();
            tree.setFocus();
        });
        key(SWT.ARROW_DOWN); // config/project.cfg -> docs
        key(SWT.ARROW_DOWN); // docs -> docs/manual.txt
        waitUntil(workbench, Duration.ofSeconds(10), "the arrow keys to select docs/manual.txt",
                () -> tree.getSelection().length == 1 && tree.getSelection()[0] == items.get("docs/manual.txt"));
        StyledText right = workbench.find(StyledText.class, testId("compare.text.right"));
        waitUntil(workbench, Duration.ofSeconds(10), "the added file on the right",
                () -> right.isVisible() && right.getText().startsWith("Operating manual"));
        assertEquals("", workbench.ui(() -> workbench.find(StyledText.class, testId("compare.text.left")).getText()
                .strip()), "an added file has nothing on the basis side");
    }

    @Test
    void theCompareOfATenThousandFileSnapshotOpensQuickly() throws Exception {
        // Measured, not asserted (a shared machine's load decides): three opens from the command to the
        // painted tree, each after another compare so that nothing of the big one is shown yet; and the
        // data part alone, the same services called straight, to tell it from the UI's share.
        List<Long> opens = new ArrayList<>();
        List<String> data = new ArrayList<>();
        CompareEngine engine = service(CompareEngine.class);
        String basisId = repository.serverVersionSnapshot("big").orElseThrow();
        for (int round = 0; round < 3; round++) {
            open(changedRun, CompareCommands.BASIS_SERVER);
            long start = System.nanoTime();
            execute(workbench, CompareCommands.OPEN, Map.of(CompareCommands.PARAMETER_RUN_ID, bigRun.id(),
                    CompareCommands.PARAMETER_BASIS, CompareCommands.BASIS_SERVER));
            waitUntil(workbench, Duration.ofSeconds(60), "the 10,000-file compare",
                    () -> !text("compare.summary").isEmpty());
            opens.add((System.nanoTime() - start) / 1_000_000);

            start = System.nanoTime();
            Snapshot basis = repository.store().readSnapshot(basisId);
            Snapshot backup = repository.store().readSnapshot(bigRun.snapshotId());
            long read = System.nanoTime();
            engine.compare(basis.manifest(), repository.store()::openBlob, backup.manifest(),
                    repository.store()::openBlob, List.of(), null);
            data.add((read - start) / 1_000_000 + "+" + (System.nanoTime() - read) / 1_000_000);
        }
        System.out.printf("CompareViewTest: opening the compare of a %d-file snapshot took %s ms (median %d ms); "
                + "reading both manifests + comparing, straight from the services: %s ms%n", BIG_FOLDERS * BIG_FILES_PER_FOLDER, opens,
                opens.stream().sorted().toList().get(1), data);
        Tree tree = workbench.find(Tree.class, testId("compare.tree"));
        assertTrue(text("compare.summary").startsWith("Different: 20 changed, "), text("compare.summary"));
        int equal = BIG_FOLDERS * BIG_FILES_PER_FOLDER - 20 + BIG_FOLDERS; // the folders are entries too
        assertTrue(text("compare.summary").endsWith(", " + equal + " equal"), text("compare.summary"));
        assertEquals(20, workbench.ui(() -> treeItems().values().stream()
                .filter(item -> item.getText(1).equals("Changed")).count()).intValue());
        assertTrue(workbench.ui(tree::getItemCount) > 0);
        paintedScreenshot(workbench, "compare-10000-files");
    }

    @Test
    void cancelStopsTheCompareAndSaysSo() {
        open(changedRun, CompareCommands.BASIS_SERVER);
        Button cancel = workbench.find(Button.class, testId("compare.cancel"));
        // Cancel pressed right after the command, while the 10,000-file compare is still on its way.
        execute(workbench, CompareCommands.OPEN, Map.of(CompareCommands.PARAMETER_RUN_ID, bigRun.id(),
                CompareCommands.PARAMETER_BASIS, CompareCommands.BASIS_SERVER), () -> {
                    assertTrue(cancel.isVisible(), "the progress row with Cancel shows while comparing");
                    cancel.notifyListeners(SWT.Selection, new Event());
                });
        waitUntil(workbench, Duration.ofSeconds(30), "the cancelled compare", () -> text("compare.title")
                .equals("Compare cancelled"));
        assertTrue(text("compare.message").startsWith("Cancelled: open the compare again"), text("compare.message"));
        assertFalse(workbench.ui(cancel::isVisible), "no progress left behind");
        assertEquals("", text("compare.summary"));
    }

    private static void open(Run run, String basis) {
        execute(workbench, CompareCommands.OPEN, Map.of(CompareCommands.PARAMETER_RUN_ID, run.id(),
                CompareCommands.PARAMETER_BASIS, basis));
        waitUntil(workbench, Duration.ofSeconds(30), "the comparison of run " + run.id(),
                () -> !text("compare.summary").isEmpty());
    }

    private static String text(String id) {
        return workbench.ui(() -> workbench.find(Label.class, testId(id)).getText());
    }

    /** The tree's items by path (all of them are expanded to the changes). */
    private static Map<String, TreeItem> treeItems() {
        Tree tree = workbench.find(Tree.class, testId("compare.tree"));
        return workbench.ui(() -> {
            Map<String, TreeItem> items = new LinkedHashMap<>();
            collect(tree.getItems(), "", items);
            return items;
        });
    }

    private static void collect(TreeItem[] items, String parent, Map<String, TreeItem> into) {
        for (TreeItem item : items) {
            if (item.getData() == null) {
                continue; // a collapsed folder's placeholder
            }
            String path = parent.isEmpty() ? item.getText(0) : parent + "/" + item.getText(0);
            into.put(path, item);
            collect(item.getItems(), path, into);
        }
    }

    private static Map<String, String> statuses(Map<String, TreeItem> items) {
        return workbench.ui(() -> {
            Map<String, String> statuses = new LinkedHashMap<>();
            items.forEach((path, item) -> statuses.put(path, item.getText(1)));
            return statuses;
        });
    }

    private static void select(TreeItem item) {
        assertNotNull(item);
        workbench.run(() -> {
            item.getParent().setSelection(item);
            Event event = new Event();
            event.item = item;
            item.getParent().notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    private static void click(Button check, boolean selected) {
        workbench.run(() -> {
            check.setSelection(selected);
            check.notifyListeners(SWT.Selection, new Event());
        });
        workbench.settle();
    }

    /** A real key press through the display (X events), as a person would type it. */
    private static void key(int keyCode) {
        for (int type : new int[] { SWT.KeyDown, SWT.KeyUp }) {
            workbench.run(() -> {
                Event event = new Event();
                event.type = type;
                event.keyCode = keyCode;
                workbench.display().post(event);
            });
        }
        workbench.settle();
    }

    private static Path writeHmiDevice(Path device) throws IOException {
        Files.createDirectories(device.resolve("config"));
        Files.createDirectories(device.resolve("registers"));
        Files.createDirectories(device.resolve("docs"));
        Files.createDirectories(device.resolve("recipes"));
        Files.writeString(device.resolve("config/project.cfg"), projectFile(1450));
        Files.writeString(device.resolve("registers/holding.tsv"), registers(230));
        Files.writeString(device.resolve("docs/readme.txt"), "Press line HMI project\n");
        Files.writeString(device.resolve("docs/manual.txt"), "Operating manual\n\n1. Switch on\n2. Log in\n");
        Files.writeString(device.resolve("recipes/old.txt"), "flour=3\n");
        return device;
    }

    /** A project file of 120 settings (more than a screen); line 70 holds the one that changes on site. */
    private static String projectFile(int speed70) {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 120; line++) {
            text.append(String.format("speed_%03d = %d%n", line, line == 70 ? speed70 : 1000 + line));
        }
        return text.toString();
    }

    private static String registers(int register40012) {
        List<List<String>> rows = new ArrayList<>();
        for (int address = 40001; address <= 40030; address++) {
            rows.add(List.of(Integer.toString(address), Integer.toString(address == 40012 ? register40012
                    : address - 40000)));
        }
        return TableFile.format(List.of("holding registers of unit 1"), List.of("address", "value"), rows);
    }

    /** 10,000 small files in 100 folders, 20 of them marked to differ from the server version. */
    private static Path writeBigDevice(Path device) throws IOException {
        for (int folder = 0; folder < BIG_FOLDERS; folder++) {
            Path dir = Files.createDirectories(device.resolve(String.format("area-%02d", folder)));
            for (int file = 0; file < BIG_FILES_PER_FOLDER; file++) {
                int index = folder * BIG_FILES_PER_FOLDER + file;
                // Few distinct contents: the store keeps each once, so writing the backup stays quick.
                String content = index % 500 == 0 ? "changed on the server " + index + "\n" : "setting = " + index % 50 + "\n";
                Files.writeString(dir.resolve(String.format("item-%03d.txt", file)), content);
            }
        }
        return device;
    }

    /** A snapshot of a folder written straight into the store, as a server version received at sync. */
    private static Snapshot snapshotOf(Path device, Predicate<String> included,
            UnaryOperator<String> content) throws IOException {
        try (SnapshotWriter writer = repository.store().newSnapshot(); Stream<Path> paths = Files.walk(device)) {
            for (Path path : paths.sorted().toList()) {
                String relative = device.relativize(path).toString().replace('\\', '/');
                if (relative.isEmpty() || !included.test(relative)) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    writer.directory(relative, SAVED);
                } else {
                    String text = content.apply(Files.readString(path));
                    try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
                        writer.file(relative, SAVED, in);
                    }
                }
            }
            return writer.commit();
        }
    }

    private static Version version(String componentId, Snapshot snapshot) {
        return new Version(componentId, 1, SAVED, "admin", "accepted after commissioning", snapshot.id());
    }
}
