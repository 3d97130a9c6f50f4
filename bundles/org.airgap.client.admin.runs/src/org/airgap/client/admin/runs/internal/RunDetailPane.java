package org.airgap.client.admin.runs.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.List;

import org.airgap.client.ui.CompareResultStyle;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunDetail;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The selected run in full, below the run table: who ran which job when, its outcome and attempts, the two
 * compare results, the clock skew, the version it became (or why not), the device, then its log.
 */
final class RunDetailPane {

    private static final Color ERROR = new Color(CompareResultStyle.RED);
    private static final Color WARNING = new Color(CompareResultStyle.ORANGE);

    private final Label title;
    private final Label facts;
    private final Table log;

    RunDetailPane(Composite parent) {
        Composite pane = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(0, 4).spacing(4, 4).applyTo(pane);
        title = new Label(pane, SWT.NONE);
        title.setFont(JFaceResources.getBannerFont());
        title.setData(TEST_ID, "runs.detail.title");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        facts = new Label(pane, SWT.WRAP);
        facts.setData(TEST_ID, "runs.detail.facts");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(facts);
        log = new Table(pane, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        log.setHeaderVisible(true);
        log.setData(TEST_ID, "runs.detail.log");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(log);
        column("Time", 140);
        column("Level", 75);
        column("Log", 560);
        show(null, "Select a run to see its log, attempts and results.");
    }

    private void column(String text, int width) {
        TableColumn column = new TableColumn(log, SWT.LEFT);
        column.setText(text);
        column.setWidth(width);
    }

    /** Shows the run ({@code null}: none) or, without one, {@code note}. */
    void show(AdminRunDetail detail, String note) {
        log.removeAll();
        if (detail == null) {
            title.setText("");
            facts.setText(note == null ? "" : note);
            relayout();
            return;
        }
        AdminRun summary = detail.summary();
        Run run = detail.run();
        title.setText("Run " + summary.id() + " \u2014 " + summary.outcome() + " after "
                + RunTexts.attempts(summary.attempts()));
        String version = summary.version() != null ? "version " + summary.version()
                : summary.versionRefusal() != null ? "no version: " + summary.versionRefusal() : "no version";
        String device = run.device().equals(DeviceIdentity.UNKNOWN) ? "" : "\nDevice: " + run.device();
        facts.setText("Job " + summary.jobId() + " of component " + summary.componentId() + ", by " + summary.user()
                + "\nStarted " + RunTexts.time(summary.start()) + ", ended " + RunTexts.time(summary.end())
                + " (laptop's clock, " + RunTexts.skew(summary.clockSkewSeconds()) + "); backup time "
                + RunTexts.time(summary.backupTime()) + "; uploaded " + RunTexts.time(summary.committed())
                + "\nServer version \u2194 Backup: " + RunTexts.result(summary.serverVersionResult())
                + "   Prev. backup \u2194 Backup: " + RunTexts.result(summary.previousBackupResult()) + "   " + version
                + device);
        List<RunMessage> messages = run.messages();
        for (RunMessage message : messages) {
            TableItem item = new TableItem(log, SWT.NONE);
            item.setText(new String[] { RunTexts.time(message.time()), message.level().name(), message.text() });
            if (message.level() == RunMessage.Level.ERROR) {
                item.setForeground(ERROR);
            } else if (message.level() == RunMessage.Level.WARNING) {
                item.setForeground(WARNING);
            }
        }
        relayout();
    }

    private void relayout() {
        title.getParent().layout(true, true);
    }
}
