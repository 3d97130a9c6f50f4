package org.airgap.client.compare.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.ui.ThrottledProgress;
import org.airgap.compare.CompareEngine;
import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.compare.FileDiff;
import org.airgap.model.CompareResult;
import org.airgap.store.ManifestEntry;
import org.airgap.workspace.JobRepository;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * Compare: a run's backup against the server version or the previous backup. On the left the file tree
 * with each entry's status (only the changes by default); on the right the selected file's differences,
 * side by side for text, as a table of values for table files. Comparing and reading contents run in
 * Eclipse jobs; the part shows their progress and can cancel them.
 */
public class ComparePart {

    private static final int PROGRESS_STEPS = 1000;
    /** Folders expanded at most when a comparison opens: enough for the changes, bounded for huge trees. */
    private static final int MAX_EXPANDED = 500;

    @Inject
    private UISynchronize sync;

    @Inject
    @Optional
    private JobRepository repository;

    @Inject
    @Optional
    private CompareEngine engine;

    private StatusStyle style;
    private Label title;
    private Button serverBasis;
    private Button previousBasis;
    private Button changesOnly;
    private Label summary;
    private Composite progressRow;
    private ProgressBar progressBar;
    private Label progressText;
    private TreeViewer tree;
    private Composite detail;
    private StackLayout detailStack;
    private Label message;
    private TextDiffPane textPane;
    private TableDiffPane tablePane;

    private String runId;
    private CompareBasis basis = CompareBasis.SERVER;
    private CompareLoad loaded;
    private Job loadJob;
    private Job diffJob;
    /** Counts loads, so that a slow job's result for an older request is dropped. */
    private int loads;
    /** Counts file selections, likewise. */
    private int selections;
    /** The selection whose differences are shown. */
    private int shownSelection;
    private CompareNode selectedNode;

    @PostConstruct
    public void create(Composite parent) {
        style = new StatusStyle(parent.getDisplay());
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 6).applyTo(parent);

        title = new Label(parent, SWT.NONE);
        title.setFont(JFaceResources.getHeaderFont());
        title.setData(TEST_ID, "compare.title");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(12, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        serverBasis = radio(bar, CompareBasis.SERVER, "compare.basis.server");
        previousBasis = radio(bar, CompareBasis.PREVIOUS, "compare.basis.previous");
        changesOnly = new Button(bar, SWT.CHECK);
        changesOnly.setText("&Changes only");
        changesOnly.setToolTipText("Hide files and folders that are equal or ignored");
        changesOnly.setSelection(true);
        changesOnly.setData(TEST_ID, "compare.changesOnly");
        changesOnly.addListener(SWT.Selection, e -> refreshTree());
        summary = new Label(bar, SWT.NONE);
        summary.setData(TEST_ID, "compare.summary");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.END, SWT.CENTER).applyTo(summary);

        createProgress(parent);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        createTree(sash);
        createDetail(sash);
        sash.setWeights(40, 60);
        showNothingOpen();
    }

    private Button radio(Composite bar, CompareBasis which, String testId) {
        Button radio = new Button(bar, SWT.RADIO);
        radio.setText(which == CompareBasis.SERVER ? "&Server version \u2194 Backup" : "P&rev. backup \u2194 Backup");
        radio.setData(TEST_ID, testId);
        radio.setSelection(which == basis);
        radio.addListener(SWT.Selection, e -> {
            if (radio.getSelection() && basis != which && runId != null) {
                open(runId, which);
            }
        });
        return radio;
    }

    private void createProgress(Composite parent) {
        progressRow = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(progressRow);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progressRow);
        progressText = new Label(progressRow, SWT.NONE);
        GridDataFactory.fillDefaults().hint(320, SWT.DEFAULT).align(SWT.BEGINNING, SWT.CENTER).applyTo(progressText);
        progressBar = new ProgressBar(progressRow, SWT.HORIZONTAL | SWT.SMOOTH);
        progressBar.setMaximum(PROGRESS_STEPS);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(progressBar);
        Button cancel = new Button(progressRow, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setData(TEST_ID, "compare.cancel");
        cancel.addListener(SWT.Selection, e -> {
            if (loadJob != null) {
                loadJob.cancel();
            }
            if (diffJob != null) {
                diffJob.cancel();
            }
        });
        showProgress(false, null, false);
    }

    private void createTree(Composite parent) {
        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.SINGLE);
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setData(TEST_ID, "compare.tree");
        tree.setUseHashlookup(true);
        column("Name", 180, new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ((CompareNode) element).name;
            }

            @Override
            public Image getImage(Object element) {
                return ((CompareNode) element).isFolder() ? style.folderImage() : style.fileImage();
            }
        });
        column("Status", 100, new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ((CompareNode) element).statusText();
            }

            @Override
            public Image getImage(Object element) {
                CompareNode node = (CompareNode) element;
                return style.badge(node.status(), !node.ownChange() && node.changesBelow() > 0);
            }

            @Override
            public Color getForeground(Object element) {
                CompareNode node = (CompareNode) element;
                return style.color(!node.ownChange() && node.changesBelow() > 0 ? EntryStatus.CHANGED : node.status());
            }
        });
        column("Details", 150, new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return details((CompareNode) element);
            }
        });
        tree.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return getChildren(input);
            }

            @Override
            public Object[] getChildren(Object parent) {
                List<CompareNode> children = ((CompareNode) parent).children();
                return changesOnly.getSelection() ? children.stream().filter(CompareNode::hasChanges).toArray()
                        : children.toArray();
            }

            @Override
            public Object getParent(Object element) {
                return ((CompareNode) element).parent;
            }

            @Override
            public boolean hasChildren(Object element) {
                CompareNode node = (CompareNode) element;
                return changesOnly.getSelection() ? node.changesBelow() > 0 : !node.children().isEmpty();
            }
        });
        tree.addSelectionChangedListener(event -> {
            Object selected = ((IStructuredSelection) event.getSelection()).getFirstElement();
            if (selected instanceof CompareNode node) {
                showDiff(node);
            }
        });
        // Enter or a double click on a folder opens or closes it, as the arrow keys do.
        tree.addDoubleClickListener(event -> {
            Object selected = ((IStructuredSelection) event.getSelection()).getFirstElement();
            if (selected instanceof CompareNode node && node.isFolder()) {
                tree.setExpandedState(node, !tree.getExpandedState(node));
            }
        });
    }

    private void column(String name, int width, ColumnLabelProvider labels) {
        TreeViewerColumn column = new TreeViewerColumn(tree, SWT.NONE);
        column.getColumn().setText(name);
        column.getColumn().setWidth(width);
        column.setLabelProvider(labels);
    }

    private static String details(CompareNode node) {
        EntryComparison entry = node.entry;
        if (entry == null || node.isFolder() && entry.detail() == null) {
            return "";
        }
        if (entry.detail() != null) {
            return entry.detail();
        }
        ManifestEntry basis = entry.basis();
        ManifestEntry backup = entry.backup();
        return switch (entry.status()) {
            case CHANGED -> size(basis) + " \u2192 " + size(backup);
            case ADDED -> size(backup);
            case REMOVED -> size(basis);
            default -> size(backup != null ? backup : basis);
        };
    }

    private static String size(ManifestEntry entry) {
        long bytes = entry.size();
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private void createDetail(Composite parent) {
        detail = new Composite(parent, SWT.NONE);
        detailStack = new StackLayout();
        detail.setLayout(detailStack);
        message = new Label(detail, SWT.WRAP);
        message.setData(TEST_ID, "compare.message");
        textPane = new TextDiffPane(detail);
        tablePane = new TableDiffPane(detail);
    }

    /** Compares a run with a basis; called by the Open compare command and the basis buttons. */
    public void open(String run, CompareBasis which) {
        runId = run;
        basis = which;
        serverBasis.setSelection(which == CompareBasis.SERVER);
        previousBasis.setSelection(which == CompareBasis.PREVIOUS);
        loaded = null;
        tree.setInput(null);
        summary.setText("");
        title.setText("Comparing\u2026");
        showDetail(message, "");
        if (repository == null || engine == null) {
            showMessageOnly(repository == null
                    ? "The local workspace is not available: another Airgap workbench or command line may be using it. "
                            + "Close it and open the compare again."
                    : "The compare engine (bundle org.airgap.compare) is not running: reinstall the workbench.");
            return;
        }
        cancelJobs();
        selections++;
        selectedNode = null;
        int request = ++loads;
        JobRepository repo = repository;
        CompareEngine compare = engine;
        loadJob = Job.create(which.label + " of run " + run, monitor -> {
            try {
                CompareLoad result = CompareLoad.load(repo, compare, run, which, relay(monitor, request));
                sync.asyncExec(() -> shown(request, result));
                return Status.OK_STATUS;
            } catch (OperationCanceledException e) {
                return Status.CANCEL_STATUS;
            } catch (IOException | RuntimeException e) {
                sync.asyncExec(() -> failed(request, "Cannot compare: " + e.getMessage()));
                return Status.info(e.toString());
            }
        });
        // Also when the job is cancelled before it ran: then only this listener hears of it.
        onCancel(loadJob, () -> failed(request, "Cancelled: open the compare again to see it."));
        showProgress(true, "Reading the snapshots\u2026", true);
        progressBar.setSelection(0);
        loadJob.schedule();
    }

    /** Passes the job's progress on to the part's progress bar, at most a few times a second. */
    private IProgressMonitor relay(IProgressMonitor monitor, int request) {
        return new ThrottledProgress(monitor, ThrottledProgress.INTERVAL, progress -> {
            int selection = (int) (progress.fraction() * PROGRESS_STEPS);
            String text = progress.task() + "\u2026";
            sync.asyncExec(() -> {
                if (request == loads && !progressBar.isDisposed()) {
                    progressBar.setSelection(selection);
                    progressText.setText(text);
                }
            });
        });
    }

    private void shown(int request, CompareLoad result) {
        if (request != loads || tree.getControl().isDisposed()) {
            return;
        }
        showProgress(false, null, false);
        loaded = result;
        title.setText(result.title());
        if (result.root() == null) {
            showMessageOnly(result.message());
            summary.setText(basis.label + ": " + CompareResult.NOT_AVAILABLE.label());
            return;
        }
        var comparison = result.comparison();
        List<String> counts = new ArrayList<>();
        for (EntryStatus status : List.of(EntryStatus.CHANGED, EntryStatus.ADDED, EntryStatus.REMOVED,
                EntryStatus.ERROR, EntryStatus.EQUAL, EntryStatus.IGNORED)) {
            int count = comparison.count(status);
            if (count > 0 || status == EntryStatus.EQUAL) {
                counts.add(count + " " + CompareNode.label(status).toLowerCase(Locale.ROOT));
            }
        }
        summary.setText(comparison.result().label() + ": " + String.join(", ", counts));
        summary.setForeground(style.color(comparison.result()));
        summary.getParent().layout(true);
        tree.getTree().setRedraw(false);
        try {
            tree.setInput(result.root());
            expandChanges();
        } finally {
            tree.getTree().setRedraw(true);
        }
        showDetail(message, comparison.differences().isEmpty()
                ? "The backup equals the " + basis.sideLabel.toLowerCase(Locale.ROOT)
                        + ". Clear \"Changes only\" to see all files."
                : "Select a file to see its differences.");
    }

    private void failed(int request, String text) {
        if (request != loads || tree.getControl().isDisposed()) {
            return;
        }
        showProgress(false, null, false);
        title.setText(text.startsWith("Cancelled") ? "Compare cancelled" : "Compare failed");
        showMessageOnly(text);
    }

    private void showNothingOpen() {
        title.setText("Compare");
        showMessageOnly("Open a compare from the Jobs view: the result columns \"Server version \u2194 Backup\" "
                + "and \"Prev. backup \u2194 Backup\" compare a run's backup with that basis.");
    }

    private void showMessageOnly(String text) {
        tree.setInput(null);
        showDetail(message, text);
    }

    private void refreshTree() {
        if (loaded == null || loaded.root() == null) {
            return;
        }
        Object selected = tree.getStructuredSelection().getFirstElement();
        tree.getTree().setRedraw(false);
        try {
            tree.refresh();
            expandChanges();
            if (selected != null) {
                tree.reveal(selected);
            }
        } finally {
            tree.getTree().setRedraw(true);
        }
    }

    /** Opens the folders on the way to each change, breadth first, up to {@link #MAX_EXPANDED}. */
    private void expandChanges() {
        List<CompareNode> expand = new ArrayList<>();
        List<CompareNode> level = List.of(loaded.root());
        while (!level.isEmpty() && expand.size() < MAX_EXPANDED) {
            List<CompareNode> next = new ArrayList<>();
            for (CompareNode node : level) {
                for (CompareNode child : node.children()) {
                    if (child.changesBelow() > 0 && expand.size() < MAX_EXPANDED) {
                        expand.add(child);
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        tree.setExpandedElements(expand.toArray());
    }

    private void showDetail(Control page, String text) {
        if (page == message) {
            message.setText(text);
        }
        detailStack.topControl = page;
        detail.layout(true, true);
    }

    private void showDiff(CompareNode node) {
        if (loaded == null || loaded.root() == null || node == selectedNode) {
            return; // the same file again (GTK may report a selection twice): keep what is shown
        }
        selectedNode = node;
        if (diffJob != null) {
            diffJob.cancel();
        }
        int request = ++selections;
        EntryComparison entry = node.entry;
        if (node.isFolder() || entry == null) {
            showDetail(message, (node.path.isEmpty() ? "/" : node.path) + ": folder, " + node.statusText().toLowerCase(
                    Locale.ROOT) + (node.changesBelow() > 0 && node.ownChange() ? ", " + node.changesBelow()
                            + " changes inside" : ""));
            return;
        }
        // Most files show at once; say what is going on (and offer Cancel) only when reading takes a moment.
        detail.getDisplay().timerExec(250, () -> {
            if (request == selections && shownSelection != request && !detail.isDisposed()) {
                showDetail(message, "Reading " + node.path + "\u2026");
                showProgress(true, "Reading " + node.path + "\u2026", false);
            }
        });
        JobRepository repo = repository;
        CompareEngine compare = engine;
        CompareLoad shownLoad = loaded;
        diffJob = Job.create("Differences of " + node.path, monitor -> {
            try {
                Runnable show = diffView(repo, compare, shownLoad, entry);
                sync.asyncExec(() -> {
                    if (request == selections && !detail.isDisposed()) {
                        shownSelection = request;
                        showProgress(false, null, false);
                        show.run();
                    }
                });
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException e) {
                sync.asyncExec(() -> {
                    if (request == selections && !detail.isDisposed()) {
                        shownSelection = request;
                        showProgress(false, null, false);
                        showDetail(message, node.path + ": " + CompareNode.label(entry.status()).toLowerCase(Locale.ROOT)
                                + (entry.detail() != null ? " (" + entry.detail() + ")" : "")
                                + ". Its contents cannot be shown: " + e.getMessage());
                    }
                });
                return Status.info(e.toString());
            }
        });
        onCancel(diffJob, () -> {
            if (request == selections && !detail.isDisposed()) {
                shownSelection = request;
                showProgress(false, null, false);
                showDetail(message, "Cancelled: select " + node.path + " again to see its differences.");
            }
        });
        diffJob.schedule();
    }

    /** Runs {@code cancelled} on the UI thread when the job ends cancelled, whether it had started or not. */
    private void onCancel(Job job, Runnable cancelled) {
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult() != null && event.getResult().getSeverity() == IStatus.CANCEL) {
                    sync.asyncExec(cancelled);
                }
            }
        });
    }

    /** Reads what the diff of one entry needs (off the UI thread) and returns how to show it. */
    private Runnable diffView(JobRepository repo, CompareEngine compare, CompareLoad shownLoad,
            EntryComparison entry) throws IOException {
        var store = repo.store();
        FileDiff diff = compare.diff(entry.basis(), store::openBlob, entry.backup(), store::openBlob, shownLoad.rules());
        String status = CompareNode.label(entry.status());
        if (diff instanceof FileDiff.Text text) {
            SideBySide layout = SideBySide.of(read(repo, entry.basis()), read(repo, entry.backup()), text.diff());
            String left = entry.basis() == null ? "(not in the basis)" : shownLoad.basisLabel();
            String right = entry.backup() == null ? "(not in the backup)" : shownLoad.backupLabel();
            return () -> {
                textPane.show(layout, left, right, text.note() != null ? text.note()
                        : entry.status() == EntryStatus.IGNORED ? "Left out by an ignore rule" : null);
                showDetail(textPane.control(), null);
            };
        }
        if (diff instanceof FileDiff.Table table) {
            return () -> {
                tablePane.show(entry.path(), table.diff());
                showDetail(tablePane.control(), null);
            };
        }
        FileDiff.Opaque opaque = (FileDiff.Opaque) diff;
        String text = entry.path() + ": " + status.toLowerCase(Locale.ROOT) + ". No line differences to show: "
                + opaque.reason() + ".";
        return () -> showDetail(message, text);
    }

    private static String read(JobRepository repo, ManifestEntry entry) throws IOException {
        if (entry == null) {
            return "";
        }
        try (InputStream in = repo.store().openBlob(entry.sha256())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Shows or hides the progress row; {@code measured} shows the bar (the compare reports its work). */
    private void showProgress(boolean visible, String text, boolean measured) {
        if (progressRow.isDisposed()) {
            return;
        }
        if (text != null) {
            progressText.setText(text);
        }
        ((GridData) progressBar.getLayoutData()).exclude = !measured;
        progressBar.setVisible(measured);
        ((GridData) progressRow.getLayoutData()).exclude = !visible;
        progressRow.setVisible(visible);
        progressRow.getParent().layout(true, true);
    }

    private void cancelJobs() {
        if (loadJob != null) {
            loadJob.cancel();
        }
        if (diffJob != null) {
            diffJob.cancel();
        }
    }

    /** For tests: the text pane. */
    TextDiffPane textPane() {
        return textPane;
    }

    @Focus
    public void focus() {
        tree.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        cancelJobs();
        loads++;
        selections++;
        style.dispose();
    }
}
