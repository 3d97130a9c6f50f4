package org.airgap.client.jobs.internal;

import java.util.List;

import org.airgap.client.WorkbenchIds;
import org.airgap.runner.check.CheckService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * "Test Connection" on the jobs selected in the Jobs view: each driver's connection test, in an Eclipse
 * job with progress and Cancel, its results in {@link ConnectionTestDialog}. Nothing is recorded: a test
 * is not a run.
 */
public class TestConnectionHandler {

    @CanExecute
    public boolean canExecute(EPartService parts) {
        return !selectedSynced(parts).isEmpty();
    }

    /** The service comes as a parameter, so that creating the handler at start-up activates no driver. */
    @Execute
    public void execute(EPartService parts, Shell shell, @Optional @Service CheckService check) {
        List<JobRow> rows = selectedSynced(parts);
        if (rows.isEmpty()) {
            return;
        }
        if (check == null) {
            MessageDialog.openError(shell, ConnectionTestDialog.TITLE, "The check service is not available, so no "
                    + "connection can be tested. Restart Airgap; if this stays, Help > Installed plugins shows which "
                    + "component is missing.");
            return;
        }
        new ConnectionTestDialog(shell, check, rows).open();
    }

    private static List<JobRow> selectedSynced(EPartService parts) {
        MPart part = parts.findPart(WorkbenchIds.PART_JOBS);
        if (part == null || !(part.getObject() instanceof JobsPart jobs)) {
            return List.of();
        }
        return jobs.selectedRows().stream().filter(JobRow::runnable).toList();
    }
}
