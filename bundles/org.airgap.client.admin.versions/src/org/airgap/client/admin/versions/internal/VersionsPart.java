package org.airgap.client.admin.versions.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.compare.CompareCommands;
import org.airgap.client.admin.perspective.AdminButtons;
import org.airgap.client.admin.perspective.AdminColumns;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.admin.perspective.BusyStatus;
import org.airgap.client.ui.ThrottledProgress;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.SnapshotCompare;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.e4.ui.workbench.modeling.ISelectionListener;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * Versions (Administration perspective): a component's versions on the server, newest first; the selected
 * version's comment edited; a run checked in as the next version; a version's archive saved to a file; any two
 * versions compared on the server ({@link ComparePane}). Every call is an Eclipse job with a busy bar and
 * Cancel; the server's refusals are shown in its words.
 */
public class VersionsPart {

    /**
     * Widget data of the Download button: a path set here replaces the Save dialog once (SWT's native file
     * dialog cannot be driven by the UI tests).
     */
    public static final String SAVE_AS = "airgap.saveAs";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Inject
    private UISynchronize sync;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    private AdministrationService administration;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    private SessionService sessions;

    /** The Runs view, whose selected run is the one to check in. */
    private static final String RUNS_PART = "org.airgap.client.admin.runs.part";

    @Inject
    private ESelectionService selection;
    @Inject
    private ECommandService commands;
    @Inject
    private EHandlerService handlers;
    private final ISelectionListener runSelected = (part, selected) -> {
        if (selected instanceof AdminRun run && !this.checkInRun.isDisposed()) {
            this.checkInRun.setText(run.id());
        }
    };
    private ServerWork work;
    private ServerWork fileWork;
    private Text component;
    private BusyStatus status;
    private TableViewer table;
    private Text comment;
    private Button saveComment;
    private Button compare;
    private Button download;
    private Button openInCompareView;
    private Text checkInRun;
    private Text checkInComment;
    private ComparePane comparePane;

    @PostConstruct
    public void create(Composite parent) {
        work = new ServerWork(sync);
        fileWork = new ServerWork(sync);
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 4).applyTo(parent);

        Composite top = row(parent, 5);
        new Label(top, SWT.NONE).setText("Co&mponent:");
        component = text(top, "versions.component", 140, "The component's id, as in the Overview and the Runs");
        component.addListener(SWT.DefaultSelection, event -> load(component.getText().strip(), null));
        button(top, "&Show Versions", "versions.show", "Read the component's versions from the server",
                () -> load(component.getText().strip(), null)).setEnabled(true);
        status = new BusyStatus(top, "versions", () -> {
            work.cancel();
            status.busy(false);
            status.show("Cancelled.", true);
        });

        SashForm split = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        Composite upper = new Composite(split, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(4, 4).applyTo(upper);
        table = new TableViewer(upper, SWT.BORDER | SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(TEST_ID, "versions.table");
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 120).applyTo(table.getControl());
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Version", 65, version -> Integer.toString(version.number()));
        column("Time", 140, version -> version.time() == null ? "" : TIME.format(version.time()));
        column("Technician", 90, AdminVersion::user);
        column("Comment", 240, version -> version.comment().replace('\n', ' '));
        column("Source run", 110, version -> version.runId() == null ? "-" : version.runId());
        table.addSelectionChangedListener(event -> selectionChanged());

        Composite actions = row(upper, 6);
        new Label(actions, SWT.NONE).setText("Comm&ent:");
        comment = text(actions, "versions.comment", 200, "The selected version's comment; Enter saves it");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(comment);
        comment.addListener(SWT.DefaultSelection, event -> saveComment());
        saveComment = button(actions, "Save C&omment", "versions.comment.save",
                "Replace the selected version's comment on the server", this::saveComment);
        compare = button(actions, "Com&pare", "versions.compare",
                "Compare the two selected versions, or the selected one with the version before it", this::compare);
        download = button(actions, "&Download Archive\u2026", "versions.download",
                "Save the selected version's files as a tar.gz archive", this::download);
        openInCompareView = button(actions, "Ope&n in Compare View", "versions.compare.open",
                "Show the two selected versions (or the selected one and the version before) in the Compare view: "
                        + "the file tree, side-by-side text and register-table differences", this::openInCompareView);
        AdminButtons.contextMenu(table.getControl(), compare, download);

        Composite checkIn = row(upper, 5);
        new Label(checkIn, SWT.NONE).setText("Check in r&un:");
        checkInRun = text(checkIn, "versions.checkin.run", 130,
                "An uploaded run's id: the run selected in the Runs view, or type one");
        new Label(checkIn, SWT.NONE).setText("wi&th comment:");
        checkInComment = text(checkIn, "versions.checkin.comment", 200, "What the new version is");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(checkInComment);
        checkInRun.addListener(SWT.DefaultSelection, event -> checkIn());
        checkInComment.addListener(SWT.DefaultSelection, event -> checkIn());
        button(checkIn, "Check &In", "versions.checkin", "Make the run's backup the component's next version",
                this::checkIn).setEnabled(true);

        comparePane = new ComparePane(split, this::compareFile);
        split.setWeights(45, 55);
        status.busy(false);
        status.show("Type a component's id and press Enter.", false);
        selection.addSelectionListener(RUNS_PART, runSelected);
        runSelected.selectionChanged(null, selection.getSelection(RUNS_PART)); // selected before this view opened
    }

    private static Composite row(Composite parent, int columns) {
        Composite row = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(columns).spacing(6, 0).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        return row;
    }

    private static Text text(Composite parent, String testId, int width, String tooltip) {
        Text text = new Text(parent, SWT.BORDER | SWT.SINGLE);
        text.setData(TEST_ID, testId);
        text.setToolTipText(tooltip);
        GridDataFactory.fillDefaults().hint(width, SWT.DEFAULT).applyTo(text);
        return text;
    }

    private static Button button(Composite parent, String label, String testId, String tooltip, Runnable action) {
        return AdminButtons.addDisabled(parent, label, testId, tooltip, action);
    }

    private void column(String title, int width, Function<AdminVersion, String> text) {
        AdminColumns.add(table, AdminVersion.class, title, width, text);
    }

    /** Reads the versions of {@code componentId}; {@code done} (if any) is said once they are shown. */
    private void load(String componentId, String done) {
        if (componentId.isEmpty()) {
            status.show("Type a component's id first.", true);
            return;
        }
        Optional<ClientSession> session = session();
        if (session.isEmpty()) {
            return;
        }
        component.setText(componentId);
        status.busy(true);
        status.show("Reading the versions of " + componentId + "\u2026", false);
        AdministrationService service = administration;
        work.start("Reading the versions of " + componentId,
                monitor -> service.versions(session.get(), componentId, monitor), versions -> {
                    table.setInput(versions);
                    comparePane.show(null, versions.size() < 2 ? "" : "Select two versions (or one: it is "
                            + "compared with the version before) and press Compare.");
                    selectionChanged();
                    status.busy(false);
                    String list = versions.isEmpty() ? "Component " + componentId + " has no versions yet."
                            : versions.size() + (versions.size() == 1 ? " version" : " versions") + " of "
                                    + componentId + ", newest first.";
                    status.show(done == null ? list : done + " " + list, false);
                }, this::failed);
    }

    private List<AdminVersion> selected() {
        return table.getStructuredSelection().stream().map(AdminVersion.class::cast)
                .sorted(Comparator.comparingInt(AdminVersion::number)).toList();
    }

    private void selectionChanged() {
        List<AdminVersion> selected = selected();
        boolean one = selected.size() == 1;
        comment.setText(one ? selected.get(0).comment() : "");
        comment.setEnabled(one);
        saveComment.setEnabled(one);
        download.setEnabled(one);
        compare.setEnabled(selected.size() == 2 || one && selected.get(0).number() > 1);
        openInCompareView.setEnabled(compare.getEnabled());
    }

    private void saveComment() {
        List<AdminVersion> selected = selected();
        Optional<ClientSession> session = session();
        if (selected.size() != 1 || session.isEmpty()) {
            return;
        }
        AdminVersion version = selected.get(0);
        String text = comment.getText();
        AdministrationService service = administration;
        status.busy(true);
        status.show("Saving the comment of version " + version.number() + "\u2026", false);
        work.start("Changing the comment of version " + version.number(), monitor -> service.commentVersion(
                session.get(), version.componentId(), version.number(), text, monitor),
                changed -> load(changed.componentId(), "Version " + changed.number() + ": comment saved."),
                this::failed);
    }

    private void checkIn() {
        String run = checkInRun.getText().strip();
        Optional<ClientSession> session = session();
        if (session.isEmpty()) {
            return;
        }
        if (run.isEmpty()) {
            status.show("Type the id of the run to check in (the Runs view lists them).", true);
            return;
        }
        String text = checkInComment.getText();
        AdministrationService service = administration;
        status.busy(true);
        status.show("Checking in run " + run + "\u2026", false);
        work.start("Checking in run " + run, monitor -> service.checkIn(session.get(), run, text, monitor),
                version -> {
                    checkInRun.setText("");
                    checkInComment.setText("");
                    load(version.componentId(), "Run " + run + " is version " + version.number() + " of "
                            + version.componentId() + " now.");
                }, this::failed);
    }

    private void compare() {
        List<AdminVersion> selected = selected();
        Optional<ClientSession> session = session();
        if (session.isEmpty() || selected.isEmpty() || selected.size() > 2) {
            return;
        }
        String componentId = selected.get(0).componentId();
        String left = "v" + (selected.size() == 2 ? selected.get(0).number() : selected.get(0).number() - 1);
        String right = "v" + selected.get(selected.size() - 1).number();
        AdministrationService service = administration;
        status.busy(true);
        status.show("Comparing " + left + " and " + right + " on the server\u2026", false);
        comparePane.show(null, "Comparing " + left + " and " + right + "\u2026");
        work.start("Comparing " + left + " and " + right + " of " + componentId,
                monitor -> service.compare(session.get(), componentId, left, right, null, monitor), result -> {
                    status.busy(false);
                    status.show("Compared " + left + " and " + right + " of " + componentId + ".", false);
                    comparePane.show(result, null);
                }, message -> {
                    failed(message);
                    comparePane.show(null, message);
                });
    }

    /** The two versions in the Compare view (bundle org.airgap.client.compare), read from the server there. */
    private void openInCompareView() {
        List<AdminVersion> selected = selected();
        if (selected.isEmpty() || selected.size() > 2) {
            return;
        }
        int left = selected.size() == 2 ? selected.get(0).number() : selected.get(0).number() - 1;
        int right = selected.get(selected.size() - 1).number();
        handlers.executeHandler(commands.createCommand(CompareCommands.OPEN, Map.of(
                CompareCommands.PARAMETER_COMPONENT, selected.get(0).componentId(),
                CompareCommands.PARAMETER_LEFT_VERSION, Integer.toString(left),
                CompareCommands.PARAMETER_RIGHT_VERSION, Integer.toString(right))));
    }

    /** A differing file the compare's answer had no room for: its own differences from the server. */
    private void compareFile(String path) {
        Optional<ClientSession> session = session();
        List<AdminVersion> selected = selected();
        if (session.isEmpty() || selected.isEmpty()) {
            return;
        }
        String componentId = selected.get(0).componentId();
        String left = "v" + (selected.size() == 2 ? selected.get(0).number() : selected.get(0).number() - 1);
        String right = "v" + selected.get(selected.size() - 1).number();
        AdministrationService service = administration;
        fileWork.start("Differences of " + path, monitor -> service.compare(session.get(), componentId, left, right,
                path, monitor), result -> {
                    if (path.equals(comparePane.selectedPath())) {
                        result.diffs().stream().filter(diff -> diff.path().equals(path)).findFirst()
                                .ifPresent(comparePane::showFile);
                    }
                }, message -> status.show(message, true));
    }

    private void download() {
        List<AdminVersion> selected = selected();
        Optional<ClientSession> session = session();
        if (selected.size() != 1 || session.isEmpty()) {
            return;
        }
        AdminVersion version = selected.get(0);
        String name = version.componentId() + "-version-" + version.number() + ".tar.gz";
        String chosen;
        if (download.getData(SAVE_AS) instanceof String preset) {
            download.setData(SAVE_AS, null);
            chosen = preset;
        } else {
            FileDialog dialog = new FileDialog(download.getShell(), SWT.SAVE);
            dialog.setText("Save Version " + version.number() + " of " + version.componentId());
            dialog.setFileName(name);
            dialog.setFilterExtensions(new String[] { "*.tar.gz", "*" });
            dialog.setOverwrite(true);
            chosen = dialog.open();
        }
        if (chosen == null) {
            return;
        }
        Path target = Path.of(chosen);
        AdministrationService service = administration;
        String what = "version " + version.number() + " of " + version.componentId();
        status.busy(true);
        status.show("Downloading " + what + "\u2026", false);
        work.start("Downloading " + what, monitor -> service.downloadVersion(session.get(), version.componentId(),
                version.number(), target, new ThrottledProgress(monitor, ThrottledProgress.INTERVAL,
                        progress -> sync.asyncExec(() -> {
                            if (status.isBusy() && progress.subTask() != null) {
                                status.show("Downloading " + what + ": " + progress.subTask() + "\u2026", false);
                            }
                        }))),
                bytes -> {
                    status.busy(false);
                    status.show("Saved " + what + " to " + target + " (" + bytes + " bytes).", false);
                }, this::failed);
    }

    private Optional<ClientSession> session() {
        return AdministratorSession.forCall(administration != null, sessions, "see versions",
                problem -> status.show(problem, true));
    }

    private void failed(String message) {
        status.busy(false);
        status.show(message, true);
    }

    @Focus
    public void focus() {
        component.setFocus();
    }

    @PreDestroy
    public void dispose() {
        selection.removeSelectionListener(RUNS_PART, runSelected);
        work.cancel();
        fileWork.cancel();
    }
}
