package org.airgap.client.jobs.internal;

import java.util.List;
import java.util.Map;

import jakarta.inject.Named;

import org.airgap.client.WorkbenchIds;
import org.airgap.client.compare.CompareCommands;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * "Compare with Server Version" / "Compare with Previous Backup" on the selected job: opens the Compare
 * view on the backup of the job's last run, against the basis of the result column of the same name.
 */
public class CompareLastRunHandler {

    /** The command's parameter: {@link CompareCommands#BASIS_SERVER} or {@link CompareCommands#BASIS_PREVIOUS}. */
    static final String PARAMETER_BASIS = "org.airgap.client.jobs.command.compare.basis";

    @CanExecute
    public boolean canExecute(EPartService parts) {
        return lastRunWithBackup(parts) != null;
    }

    @Execute
    public void execute(@Optional @Named(PARAMETER_BASIS) String basis, EPartService parts, ECommandService commands,
            EHandlerService handlers) {
        JobRow row = lastRunWithBackup(parts);
        if (row != null) {
            handlers.executeHandler(commands.createCommand(CompareCommands.OPEN, Map.of(
                    CompareCommands.PARAMETER_RUN_ID, row.lastRun().id(),
                    CompareCommands.PARAMETER_BASIS, basis == null ? CompareCommands.BASIS_SERVER : basis)));
        }
    }

    /** The one selected job, when its last run left a backup to compare. */
    private static JobRow lastRunWithBackup(EPartService parts) {
        MPart part = parts.findPart(WorkbenchIds.PART_JOBS);
        if (part == null || !(part.getObject() instanceof JobsPart jobs)) {
            return null;
        }
        List<JobRow> selected = jobs.selectedRows();
        return selected.size() == 1 && selected.get(0).lastRun() != null
                && selected.get(0).lastRun().snapshotId() != null ? selected.get(0) : null;
    }
}
