package org.airgap.client.admin.overview.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.perspective.LazyTreeContent;
import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.overview.internal.OverviewFigures.AgeBucket;
import org.airgap.client.admin.overview.internal.OverviewFigures.FolderBar;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.ui.CompareResultStyle;
import org.airgap.client.ui.ServiceChange;
import org.airgap.client.ui.WorkbenchImages;
import org.airgap.protocol.AdminOverview;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ColorDescriptor;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.TreeColumn;

/**
 * Overview (Administration perspective): the plant on the server as a virtual tree, each folder with the
 * worst status below it and each component with the worst of its jobs, colour-coded; above it the count per
 * status and of the jobs that need attention (failed last run, never run, backup older than its warning age).
 * The overview is read in an Eclipse job, with a busy bar and Cancel in the view; Refresh (F5) reads it again.
 */
public class OverviewPart {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Inject
    private UISynchronize sync;

    private AdministrationService administration;
    private SessionService sessions;
    private LocalResourceManager resources;
    private Label summary;
    private Label failed;
    private Label neverRun;
    private Label stale;
    private Label message;
    private Composite busy;
    private Button refresh;
    private TreeViewer tree;
    private OverviewChart chart;
    private Job loadJob;
    private int loads;

    @Inject
    void administration(@org.eclipse.e4.core.di.annotations.Optional @Service AdministrationService administration) {
        this.administration = administration;
        ServiceChange.reload(sync, tree == null ? null : tree.getControl(), this::refresh);
    }

    @Inject
    void sessions(@org.eclipse.e4.core.di.annotations.Optional @Service SessionService sessions) {
        this.sessions = sessions;
        ServiceChange.reload(sync, tree == null ? null : tree.getControl(), this::refresh);
    }

    @PostConstruct
    public void create(Composite parent) {
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 4).applyTo(parent);

        Composite header = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(10, 0).applyTo(header);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        summary = new Label(header, SWT.WRAP);
        summary.setFont(JFaceResources.getBannerFont());
        summary.setData(TEST_ID, "overview.summary");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(200, SWT.DEFAULT)
                .applyTo(summary);
        busy = new Composite(header, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 0).applyTo(busy);
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(busy);
        ProgressBar bar = new ProgressBar(busy, SWT.INDETERMINATE);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).hint(90, SWT.DEFAULT).applyTo(bar);
        Button cancel = new Button(busy, SWT.PUSH);
        cancel.setText("&Cancel");
        cancel.setToolTipText("Stop reading the overview");
        cancel.setData(TEST_ID, "overview.cancel");
        cancel.addListener(SWT.Selection, event -> cancel());
        refresh = new Button(header, SWT.PUSH);
        refresh.setText("&Refresh");
        refresh.setToolTipText("Read the overview from the server again (F5)");
        refresh.setData(TEST_ID, "overview.refresh");
        refresh.addListener(SWT.Selection, event -> refresh());

        Composite attention = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(16, 0).applyTo(attention);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(attention);
        failed = attentionLabel(attention, "overview.failed", "Jobs whose last uploaded run failed or was cancelled");
        neverRun = attentionLabel(attention, "overview.neverRun", "Jobs without any uploaded run");
        stale = attentionLabel(attention, "overview.stale",
                "Jobs whose latest backup is older than the job's warning age, or that have none");
        message = new Label(attention, SWT.WRAP);
        message.setData(TEST_ID, "overview.message");
        GridDataFactory.fillDefaults().grab(true, false).hint(150, SWT.DEFAULT).applyTo(message);
        chart = new OverviewChart(parent);

        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.VIRTUAL);
        tree.setUseHashlookup(true);
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setLinesVisible(true);
        tree.getTree().setData(TEST_ID, "overview.tree");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tree.getControl());
        tree.setContentProvider(new LazyTreeContent<>(OverviewNode.class, OverviewNode::parent,
                element -> element instanceof OverviewTree shown ? shown.roots()
                        : element instanceof OverviewNode node ? node.children() : List.of()));
        column("Folder / component", 165, SWT.LEFT, OverviewNode::name, this::kindImage);
        column("Status", 135, SWT.LEFT, node -> node.status().label(),
                node -> image(OverviewStyle.image(node.status())));
        column("Count", 50, SWT.RIGHT, node -> Integer.toString(node.count()), node -> null).setToolTipText(
                "A folder: the components below it, subfolders included; a component: its jobs");
        column("Latest backup", 120, SWT.LEFT,
                node -> node.latestBackup() == null ? "" : TIME.format(node.latestBackup()), node -> null);
        showBusy(false);
        refresh();
    }

    private Label attentionLabel(Composite parent, String testId, String tooltip) {
        Label label = new Label(parent, SWT.NONE);
        label.setData(TEST_ID, testId);
        label.setToolTipText(tooltip);
        return label;
    }

    private TreeColumn column(String title, int width, int alignment, Function<OverviewNode, String> text,
            Function<OverviewNode, Image> image) {
        TreeViewerColumn column = new TreeViewerColumn(tree, alignment);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof OverviewNode node ? text.apply(node) : "";
            }

            @Override
            public Image getImage(Object element) {
                return element instanceof OverviewNode node ? image.apply(node) : null;
            }

            @Override
            public Color getForeground(Object element) {
                return element instanceof OverviewNode node && title.equals("Status")
                        ? resources.create(ColorDescriptor.createFrom(OverviewStyle.color(node.status())))
                        : null;
            }
        });
        return column.getColumn();
    }

    private Image kindImage(OverviewNode node) {
        return image(WorkbenchImages.descriptor(node.kind() == OverviewNode.Kind.FOLDER ? WorkbenchImages.FOLDER
                : WorkbenchImages.DEVICE));
    }

    private Image image(ImageDescriptor descriptor) {
        return descriptor == null ? null : resources.create(descriptor);
    }

    /** Reads the overview from the server again (the Refresh button and command); on the UI thread. */
    public void refresh() {
        if (tree == null || tree.getControl().isDisposed()) {
            return;
        }
        cancel();
        Optional<ClientSession> session = AdministratorSession.forCall(administration != null, sessions,
                "see the overview", problem -> showMessage(problem, true));
        if (session.isEmpty()) {
            return;
        }
        int request = ++loads;
        AdministrationService service = administration;
        ClientSession current = session.get();
        showBusy(true);
        showMessage("Reading the overview from " + current.server() + "\u2026", false);
        loadJob = Job.create("Reading the administration overview", monitor -> {
            OverviewTiming timing = new OverviewTiming();
            try {
                AdminOverview overview = service.overview(current, monitor);
                timing.step("server answer read and parsed");
                OverviewTree built = OverviewTree.of(overview);
                timing.step("tree model");
                // The picture's figures here too, not on the UI thread: they count all components.
                List<FolderBar> bars = OverviewFigures.folderBars(overview);
                Map<AgeBucket, Integer> ages = OverviewFigures.backupAges(overview);
                timing.step("picture's figures");
                sync.asyncExec(() -> shown(request, built, bars, ages, timing));
            } catch (OperationCanceledException e) {
                sync.asyncExec(() -> failed(request, "Cancelled: Refresh (F5) reads the overview again."));
                return Status.CANCEL_STATUS;
            } catch (IOException e) {
                sync.asyncExec(() -> failed(request, "Cannot read the overview: " + e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        loadJob.schedule();
    }

    private void cancel() {
        if (loadJob != null) {
            loadJob.cancel();
        }
    }

    private void shown(int request, OverviewTree overview, List<FolderBar> bars, Map<AgeBucket, Integer> ages,
            OverviewTiming timing) {
        if (request != loads || tree.getControl().isDisposed()) {
            return;
        }
        timing.step("waiting for the UI thread");
        showBusy(false);
        summary.setText(overview.summary());
        attention(failed, overview.failedJobs(), " failed last run", " failed last runs", CompareResultStyle.RED);
        attention(neverRun, overview.neverRunJobs(), " job never run", " jobs never run", CompareResultStyle.GREY);
        attention(stale, overview.staleJobs(), " stale backup", " stale backups", CompareResultStyle.ORANGE);
        showMessage("", false);
        chart.show(bars, ages);
        timing.step("labels and picture");
        tree.setInput(overview);
        tree.getTree().setItemCount(overview.roots().size());
        tree.expandToLevel(2);
        timing.step("tree input and expansion");
        summary.getParent().getParent().layout(true, true);
        timing.shown("layout", overview.overview().components().size());
    }

    private void attention(Label label, int count, String one, String many, RGB color) {
        label.setText(count + (count == 1 ? one : many));
        label.setForeground(count == 0 ? null : resources.create(ColorDescriptor.createFrom(color)));
    }

    private void failed(int request, String text) {
        if (request != loads || tree.getControl().isDisposed()) {
            return;
        }
        showBusy(false);
        showMessage(text, true);
    }

    private void showBusy(boolean loading) {
        busy.setVisible(loading);
        ((GridData) busy.getLayoutData()).exclude = !loading;
        refresh.setEnabled(!loading);
        busy.getParent().layout(true, true);
    }

    private void showMessage(String text, boolean problem) {
        message.setText(text);
        message.setToolTipText(text);
        message.setForeground(problem ? resources.create(ColorDescriptor.createFrom(CompareResultStyle.RED)) : null);
        message.getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        tree.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        loads++;
        cancel();
    }
}
