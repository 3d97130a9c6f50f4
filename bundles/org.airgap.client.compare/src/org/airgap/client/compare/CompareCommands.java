package org.airgap.client.compare;

/**
 * Ids of the compare view's command and part. Other views open the compare of a run like this:
 *
 * <pre>
 * ParameterizedCommand command = commandService.createCommand(CompareCommands.OPEN,
 *         Map.of(CompareCommands.PARAMETER_RUN_ID, run.id(), CompareCommands.PARAMETER_BASIS, CompareCommands.BASIS_SERVER));
 * handlerService.executeHandler(command);
 * </pre>
 *
 * Two server versions of a component (Administration perspective) are opened with {@link #PARAMETER_COMPONENT},
 * {@link #PARAMETER_LEFT_VERSION} and {@link #PARAMETER_RIGHT_VERSION} instead of a run id.
 */
public final class CompareCommands {

    /** "Open compare": shows the Compare part for a run and compares in the background. */
    public static final String OPEN = "org.airgap.client.compare.command.open";
    /** The id of the run whose backup is compared ({@code Run.id()}); required unless versions are compared. */
    public static final String PARAMETER_RUN_ID = "org.airgap.client.compare.command.open.runId";
    /** Optional: {@link #BASIS_SERVER} (the default) or {@link #BASIS_PREVIOUS}. */
    public static final String PARAMETER_BASIS = "org.airgap.client.compare.command.open.basis";
    /** The basis of the column "Server version &harr; Backup": the component's server version. */
    public static final String BASIS_SERVER = "server";
    /** The basis of the column "Prev. backup &harr; Backup": the job's previous backup. */
    public static final String BASIS_PREVIOUS = "previous";
    /** The id of the component whose two server versions are compared (with the two version parameters). */
    public static final String PARAMETER_COMPONENT = "org.airgap.client.compare.command.open.component";
    /** The number of the server version on the left (the basis). */
    public static final String PARAMETER_LEFT_VERSION = "org.airgap.client.compare.command.open.leftVersion";
    /** The number of the server version on the right. */
    public static final String PARAMETER_RIGHT_VERSION = "org.airgap.client.compare.command.open.rightVersion";
    /** The Compare part (in the main part stack). */
    public static final String PART = "org.airgap.client.compare.part";
    /** The Compare part of two server versions (in the Administration perspective's main part stack). */
    public static final String SERVER_PART = "org.airgap.client.compare.part.server";

    private CompareCommands() {
    }
}
