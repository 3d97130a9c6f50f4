package org.airgap.client.jobs.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.airgap.client.ui.ThrottledProgress;
import org.airgap.client.ui.WorkbenchImages;
import org.airgap.runner.check.CheckService;
import org.airgap.runner.check.ConnectionResult;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The connection test of some jobs: progress and Cancel while the Eclipse job runs, then one row per job —
 * reachable, the device's identity, the time taken and the problem. It does not block the workbench
 * (runs and views go on behind it); closing it cancels a test still running.
 */
final class ConnectionTestDialog extends Dialog {

    static final String TITLE = "Test Connection";
    private static final int CANCEL_TEST = IDialogConstants.CLIENT_ID + 1;
    private static final String[] COLUMNS = { "Job", "Reachable", "Identity", "Time", "Problem" };
    private static final int[] WIDTHS = { 200, 80, 220, 70, 420 };

    private final CheckService check;
    private final List<JobRow> rows;
    private Job test;
    private Label status;
    private ProgressBar bar;
    private Table table;
    private Text detail;
    private List<ConnectionResult> results = List.of();
    private LocalResourceManager resources;

    ConnectionTestDialog(Shell parent, CheckService check, List<JobRow> rows) {
        super(parent);
        this.check = check;
        this.rows = List.copyOf(rows);
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
        shell.setData(TEST_ID, "jobs.connectiontest");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        resources = new LocalResourceManager(JFaceResources.getResources(), area);
        GridLayoutFactory.fillDefaults().margins(10, 10).spacing(6, 6).applyTo(area);
        status = new Label(area, SWT.WRAP);
        status.setData(TEST_ID, "jobs.connectiontest.status");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        bar = new ProgressBar(area, SWT.HORIZONTAL);
        bar.setMaximum(1000);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setData(TEST_ID, "jobs.connectiontest.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn column = new TableColumn(table, SWT.NONE);
            column.setText(COLUMNS[i]);
            column.setWidth(WIDTHS[i]);
        }
        for (JobRow row : rows) {
            new TableItem(table, SWT.NONE).setText(new String[] { row.name(), "\u2026", "", "", "" });
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(1000, Math.min(400, 60 + 24 * rows.size())).applyTo(table);
        // A device's problem is a few sentences: the selected row's in full, wrapped.
        detail = new Text(area, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        detail.setData(TEST_ID, "jobs.connectiontest.detail");
        GridDataFactory.fillDefaults().grab(true, false).hint(1000, 60).applyTo(detail);
        table.addListener(SWT.Selection, e -> showDetail());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, CANCEL_TEST, "&Cancel Test", false).setData(TEST_ID, "jobs.connectiontest.cancel");
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == CANCEL_TEST) {
            test.cancel();
        } else if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        }
    }

    @Override
    public int open() {
        int code = super.open();
        test = start();
        return code;
    }

    @Override
    public boolean close() {
        if (test != null) {
            test.cancel();
        }
        return super.close();
    }

    private Job start() {
        List<String> ids = rows.stream().map(JobRow::id).toList();
        Job job = new Job("Testing the connection of " + ids.size() + (ids.size() == 1 ? " job" : " jobs")) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                IProgressMonitor progress = new ThrottledProgress(monitor, ThrottledProgress.INTERVAL,
                        report -> ui(() -> progress(report)));
                try {
                    List<ConnectionResult> tested = check.testConnections(ids, progress);
                    ui(() -> show(tested));
                } catch (RuntimeException e) {
                    ui(() -> failed(e));
                }
                return Status.OK_STATUS;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    private void ui(Runnable update) {
        Shell shell = getShell();
        if (shell != null && !shell.isDisposed()) {
            shell.getDisplay().asyncExec(() -> {
                if (!table.isDisposed()) {
                    update.run();
                }
            });
        }
    }

    private void progress(ThrottledProgress.Progress report) {
        status.setText(report.latest());
        bar.setSelection((int) Math.round(report.fraction() * 1000));
    }

    private void show(List<ConnectionResult> finished) {
        results = finished;
        long reachable = results.stream().filter(ConnectionResult::reachable).count();
        status.setText(reachable == results.size() ? "All " + results.size() + " devices answered."
                : results.size() - reachable + " of " + results.size() + " devices did not pass the test; the "
                        + "Problem column says why.");
        bar.setSelection(bar.getMaximum());
        getButton(CANCEL_TEST).setEnabled(false);
        for (int i = 0; i < results.size(); i++) {
            ConnectionResult result = results.get(i);
            TableItem item = table.getItem(i);
            item.setText(new String[] { rows.get(i).name(), result.reachable() ? "yes" : "no", result.identityText(),
                    took(result.took()), result.problemKind() == null ? "" : problem(result) });
            item.setImage(1, resources.create(WorkbenchImages.descriptor(result.reachable() ? WorkbenchImages.INFO
                    : WorkbenchImages.ERROR)));
        }
    }

    private void showDetail() {
        int index = table.getSelectionIndex();
        if (index >= 0 && index < results.size()) {
            ConnectionResult result = results.get(index);
            detail.setText(rows.get(index).name() + ": " + (result.reachable() ? "reachable"
                    + (result.identityText().equals("-") ? "" : ", " + result.identityText()) : problem(result)));
        }
    }

    private void failed(RuntimeException e) {
        status.setText("The connection test failed: " + e.getMessage());
        getButton(CANCEL_TEST).setEnabled(false);
    }

    private static String problem(ConnectionResult result) {
        String kind = result.problemKind().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + ": " + result.problem();
    }

    private static String took(Duration took) {
        return took.toMillis() < 1_000 ? took.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s",
                took.toMillis() / 1000.0);
    }
}
