package org.airgap.client.jobs.internal;

import java.util.Set;

import org.airgap.client.jobs.internal.JobsModel.Column;
import org.airgap.client.ui.CompareResultStyle;
import org.airgap.client.ui.WorkbenchImages;
import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.eclipse.jface.resource.ColorDescriptor;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;

/**
 * The Jobs view's cells of one column: text, icon, colour and tooltip of a job's row (its last run, the two
 * compare results, why it cannot run here, a removed or not yet synced job).
 */
final class JobColumnLabels extends ColumnLabelProvider {

    private final Column column;
    private final LocalResourceManager resources;
    private final Color grey;
    private final Set<String> runningJobs;

    /**
     * @param resources   the view's images and colours
     * @param grey        the text of a job that cannot run here
     * @param runningJobs the ids of the jobs running now (the view's set, read as the rows are painted)
     */
    JobColumnLabels(Column column, LocalResourceManager resources, Color grey, Set<String> runningJobs) {
        this.column = column;
        this.resources = resources;
        this.grey = grey;
        this.runningJobs = runningJobs;
    }

    @Override
    public String getText(Object element) {
        JobRow row = (JobRow) element;
        return switch (column) {
        case JOB -> row.removed() == null ? row.name() : row.name() + " (removed)";
        case COMPONENT -> row.componentName();
        case DEVICE_TYPE -> row.deviceType();
        case LAST_RUN -> row.heldRuns() == 0 ? lastRun(row)
                : lastRun(row) + "  \u00b7 " + row.heldRuns() + " held";
        case SERVER_RESULT -> row.serverResult().label();
        case PREVIOUS_RESULT -> row.previousResult().label();
        };
    }

    @Override
    public Image getImage(Object element) {
        JobRow row = (JobRow) element;
        return switch (column) {
        case JOB -> row.removed() != null ? image(WorkbenchImages.WARNING)
                : row.cannotRun() != null ? image(WorkbenchImages.ERROR) : null;
        case LAST_RUN -> runningJobs.contains(row.id()) ? image(WorkbenchImages.RUNNING)
                : row.ageWarning() != null ? image(WorkbenchImages.WARNING)
                        : row.lastRun() != null && row.lastRun().outcome() == RunOutcome.FAILED
                                ? image(WorkbenchImages.ERROR) : null;
        case SERVER_RESULT -> resultImage(row.serverResult());
        case PREVIOUS_RESULT -> resultImage(row.previousResult());
        default -> null;
        };
    }

    @Override
    public Color getForeground(Object element) {
        JobRow row = (JobRow) element;
        if (!row.runnable()) {
            return grey;
        }
        return switch (column) {
        case SERVER_RESULT -> resultColor(row.serverResult());
        case PREVIOUS_RESULT -> resultColor(row.previousResult());
        default -> null;
        };
    }

    @Override
    public String getToolTipText(Object element) {
        JobRow row = (JobRow) element;
        if (row.removed() != null) {
            return row.removed() + "\nIt cannot be run here.";
        } else if (!row.runnable()) {
            return "This job is on the server but not on this laptop: sync to run it.";
        }
        return switch (column) {
        case JOB -> row.cannotRun() == null ? null : "Cannot run on this laptop:\n" + row.cannotRun();
        case LAST_RUN -> row.ageWarning() != null ? row.ageWarning() : lastRunDetails(row);
        case SERVER_RESULT -> "The last backup compared with the component's current version on the server";
        case PREVIOUS_RESULT -> "The last backup compared with the backup before it";
        default -> null;
        };
    }

    private Image image(String name) {
        return resources.create(WorkbenchImages.descriptor(name));
    }

    private Color resultColor(CompareResult result) {
        return resources.create(ColorDescriptor.createFrom(CompareResultStyle.color(result)));
    }

    private Image resultImage(CompareResult result) {
        return resources.create(CompareResultStyle.image(result));
    }

    private String lastRun(JobRow row) {
        if (runningJobs.contains(row.id())) {
            return "Running\u2026";
        }
        Run run = row.lastRun();
        if (run == null) {
            return "Never";
        }
        String time = JobsModel.format(row.lastRunTime());
        return switch (run.outcome()) {
        case SUCCEEDED -> run.identityCheck() == null ? time : time + "  " + run.identityCheck().kind().label();
        case FAILED -> time + "  failed";
        case CANCELLED -> time + "  cancelled";
        case RUNNING -> time + "  interrupted?";
        };
    }

    private static String lastRunDetails(JobRow row) {
        Run run = row.lastRun();
        if (run == null) {
            return "Not run on this laptop yet";
        }
        String text = "Started " + JobsModel.format(run.start()) + ", " + run.outcome().name().toLowerCase(
                java.util.Locale.ROOT) + " after " + run.attempts() + (run.attempts() == 1 ? " attempt" : " attempts");
        if (run.identityCheck() != null) {
            text += "\n" + run.identityCheck().describe();
        }
        return row.lastBackup() == null ? text : text + "\nLast backup of the device: " + JobsModel.format(row.lastBackup());
    }
}
