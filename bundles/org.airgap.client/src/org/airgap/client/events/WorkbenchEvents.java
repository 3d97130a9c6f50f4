package org.airgap.client.events;

/**
 * The {@code IEventBroker} topics through which the workbench's bundles talk without knowing each other.
 * Each topic names the record its events carry as {@code IEventBroker.DATA}; subscribe with
 * {@code @UIEventTopic(WorkbenchEvents.X)} on a method taking that record.
 */
public final class WorkbenchEvents {

    /**
     * The job repository changed: a run finished, a sync replaced the jobs, an upload was acknowledged.
     * Views that show repository data read it again. Data: a {@link String} saying what changed, for logs.
     * Whoever changes the repository from the workbench posts it.
     */
    public static final String REPOSITORY_CHANGED = org.airgap.client.WorkbenchIds.TOPIC_REPOSITORY_CHANGED;

    /** All run topics below, for one subscription. */
    public static final String RUN_ALL = "airgap/run/*";
    /** A run of a job began in the workbench. Data: {@link RunStarted}. */
    public static final String RUN_STARTED = "airgap/run/started";
    /** A run's driver reported progress (at most a few times a second). Data: {@link RunProgress}. */
    public static final String RUN_PROGRESS = "airgap/run/progress";
    /** A line of a run's log, as it happens. Data: {@link RunLogLine}. */
    public static final String RUN_LOG = "airgap/run/log";
    /** A run ended (succeeded, failed or cancelled). Data: {@link RunFinished}. */
    public static final String RUN_FINISHED = "airgap/run/finished";

    /** The server listed the technician's jobs after an online login. Data: {@link ServerJobs}. */
    public static final String SERVER_JOBS = "airgap/server/jobs";

    /** The technician chose a folder or component in the component tree. Data: {@link ComponentScope}. */
    public static final String COMPONENT_SCOPE = "airgap/components/scope";
    /** The technician selected jobs in the Jobs view. Data: {@link JobsSelected}. */
    public static final String JOBS_SELECTED = "airgap/jobs/selected";

    /**
     * The family of the Eclipse Jobs ({@code org.eclipse.core.runtime.jobs.Job#belongsTo}) that run
     * backups in the workbench: {@code Job.getJobManager().join(RUN_JOB_FAMILY, monitor)} waits for them.
     */
    public static final String RUN_JOB_FAMILY = "org.airgap.client.runs";

    private WorkbenchEvents() {
    }
}
