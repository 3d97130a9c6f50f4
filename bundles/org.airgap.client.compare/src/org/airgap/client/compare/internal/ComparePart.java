package org.airgap.client.compare.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.compare.CompareEngine;
import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.model.CompareResult;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.airgap.store.ContentStore;
import org.airgap.workspace.JobRepository;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * Compare: a run's backup against the server version or the previous backup. On the left the file tree
 * with each entry's status (only the changes by default); on the right the selected file's differences,
 * side by side for text, as a table of values for table files. Comparing and reading contents run in
 * Eclipse jobs of the {@link CompareSession}; the part shows their progress and can cancel them.
 */
public class ComparePart {

    private static final int PROGRESS_STEPS = 1000;

    @Inject
    private UISynchronize sync;

    /** Used by the next compare or file read; one running keeps the services it started with. */
    private JobRepository repository;
    private CompareEngine engine;
    private StatusStyle style;
    private CompareSession session;
    private Label title;
    private Button serverBasis;
    private Button previousBasis;
    private Button changesOnly;
    private Label summary;
    private Composite progressRow;
    private ProgressBar progressBar;
    private Label progressText;
    private CompareTree tree;
    private CompareDetail detail;

    private String runId;
    private SessionService sessions;
    /** The temporary store of the server versions compared last, deleted by the next compare or on close. */
    private Path serverCopy;
    private CompareBasis basis = CompareBasis.SERVER;
    private CompareLoad loaded;
    private CompareNode selectedNode;

    @Inject
    void repository(@Optional @Service JobRepository repository) {
        this.repository = repository;
    }

    @Inject
    void engine(@Optional @Service CompareEngine engine) {
        this.engine = engine;
    }

    @Inject
    void sessions(@Optional @Service SessionService sessions) {
        this.sessions = sessions;
    }

    @PostConstruct
    public void create(Composite parent) {
        style = new StatusStyle(parent.getDisplay());
        session = new CompareSession(sync);
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
        changesOnly.addListener(SWT.Selection, e -> tree.refresh());
        summary = new Label(bar, SWT.NONE);
        summary.setData(TEST_ID, "compare.summary");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.END, SWT.CENTER).applyTo(summary);

        createProgress(parent);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        tree = new CompareTree(sash, style, changesOnly::getSelection, this::showDiff);
        detail = new CompareDetail(sash);
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
        cancel.addListener(SWT.Selection, e -> session.cancel());
        showProgress(false, null, false);
    }

    /** Compares a run with a basis; called by the Open compare command and the basis buttons. */
    public void open(String run, CompareBasis which) {
        forgetServerCopy();
        runId = run;
        basis = which;
        serverBasis.setSelection(which == CompareBasis.SERVER);
        previousBasis.setSelection(which == CompareBasis.PREVIOUS);
        serverBasis.setEnabled(true);
        previousBasis.setEnabled(true);
        loaded = null;
        tree.show(null);
        summary.setText("");
        title.setText("Comparing\u2026");
        detail.showMessage("");
        if (repository == null || engine == null) {
            showMessageOnly(repository == null
                    ? "The local workspace is not available: another Airgap workbench or command line may be using it. "
                            + "Close it and open the compare again."
                    : "The compare engine (bundle org.airgap.compare) is not running: reinstall the workbench.");
            return;
        }
        selectedNode = null;
        session.load(repository, engine, run, which, listener());
        showProgress(true, "Reading the snapshots\u2026", true);
        progressBar.setSelection(0);
    }

    /**
     * Compares two server versions of a component (Administration perspective): read over the administrator's
     * session into a temporary store, without ignore rules.
     */
    public void openServer(String componentId, int left, int right) {
        forgetServerCopy();
        runId = null;
        // The basis radios choose what a run's backup is compared with: nothing to choose for two versions.
        serverBasis.setSelection(false);
        previousBasis.setSelection(false);
        serverBasis.setEnabled(false);
        previousBasis.setEnabled(false);
        loaded = null;
        selectedNode = null;
        tree.show(null);
        summary.setText("");
        title.setText("Comparing\u2026");
        detail.showMessage("");
        java.util.Optional<ClientSession> current = sessions == null ? java.util.Optional.empty() : sessions.current();
        if (current.isEmpty() || engine == null) {
            showMessageOnly(engine == null
                    ? "The compare engine (bundle org.airgap.compare) is not running: reinstall the workbench."
                    : "Comparing server versions needs an online login as an administrator.");
            return;
        }
        Path folder;
        try {
            folder = Files.createTempDirectory("airgap-compare-");
        } catch (IOException e) {
            showMessageOnly("Cannot make a temporary folder for the server versions: " + e.getMessage());
            return;
        }
        serverCopy = folder;
        CompareEngine compare = engine;
        ClientSession client = current.get();
        session.load("Comparing versions " + left + " and " + right + " of " + componentId,
                monitor -> ServerSnapshotLoad.load(client, compare, componentId, left, right, folder, monitor),
                listener());
        showProgress(true, "Reading versions " + left + " and " + right + " from the server\u2026", true);
        progressBar.setSelection(0);
    }

    private void forgetServerCopy() {
        session.cancel();
        ServerSnapshotLoad.delete(serverCopy);
        serverCopy = null;
    }

    private CompareSession.LoadListener listener() {
        return new CompareSession.LoadListener() {
            @Override
            public void progress(double fraction, String text) {
                progressBar.setSelection((int) (fraction * PROGRESS_STEPS));
                progressText.setText(text);
            }

            @Override
            public void loaded(CompareLoad result) {
                shown(result);
            }

            @Override
            public void failed(String message) {
                showProgress(false, null, false);
                title.setText(message.startsWith("Cancelled") ? "Compare cancelled" : "Compare failed");
                showMessageOnly(message);
            }
        };
    }

    private void shown(CompareLoad result) {
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
        tree.show(result.root());
        detail.showMessage(comparison.differences().isEmpty()
                ? (runId == null ? result.backupLabel() + " equals " + result.basisLabel()
                        : "The backup equals the " + basis.sideLabel.toLowerCase(Locale.ROOT))
                        + ". Clear \"Changes only\" to see all files."
                : "Select a file to see its differences.");
    }

    private void showNothingOpen() {
        title.setText("Compare");
        showMessageOnly("Open a compare from the Jobs view: the result columns \"Server version \u2194 Backup\" "
                + "and \"Prev. backup \u2194 Backup\" compare a run's backup with that basis.");
    }

    private void showMessageOnly(String text) {
        tree.show(null);
        detail.showMessage(text);
    }

    private void showDiff(CompareNode node) {
        if (loaded == null || loaded.root() == null || node == selectedNode) {
            return; // the same file again (GTK may report a selection twice): keep what is shown
        }
        selectedNode = node;
        EntryComparison entry = node.entry;
        if (node.isFolder() || entry == null) {
            session.forgetDiff();
            detail.showMessage((node.path.isEmpty() ? "/" : node.path) + ": folder, " + node.statusText().toLowerCase(
                    Locale.ROOT) + (node.changesBelow() > 0 && node.ownChange() ? ", " + node.changesBelow()
                            + " changes inside" : ""));
            return;
        }
        ContentStore store = loaded.store();
        CompareEngine compare = engine;
        CompareLoad shownLoad = loaded;
        int request = session.diff(node.path, () -> detail.read(store, compare, shownLoad, entry),
                new CompareSession.DiffListener() {
                    @Override
                    public void read(Runnable show) {
                        showProgress(false, null, false);
                        show.run();
                    }

                    @Override
                    public void failed(Exception e) {
                        showProgress(false, null, false);
                        detail.showMessage(node.path + ": " + CompareNode.label(entry.status()).toLowerCase(Locale.ROOT)
                                + (entry.detail() != null ? " (" + entry.detail() + ")" : "")
                                + ". Its contents cannot be shown: " + e.getMessage());
                    }

                    @Override
                    public void cancelled() {
                        showProgress(false, null, false);
                        detail.showMessage("Cancelled: select " + node.path + " again to see its differences.");
                    }
                });
        // Most files show at once; say what is going on (and offer Cancel) only when reading takes a moment.
        detail.control().getDisplay().timerExec(250, () -> {
            if (session.stillReading(request) && !detail.isDisposed()) {
                detail.showMessage("Reading " + node.path + "\u2026");
                showProgress(true, "Reading " + node.path + "\u2026", false);
            }
        });
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

    @Focus
    public void focus() {
        tree.control().setFocus();
    }

    @PreDestroy
    public void dispose() {
        session.dispose();
        ServerSnapshotLoad.delete(serverCopy);
        style.dispose();
    }
}
