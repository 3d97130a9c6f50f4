package org.airgap.client.compare;

/**
 * Ids of the compare view's command and part. Other views open the compare of a run like this:
 *
 * <pre>
 * ParameterizedCommand command = commandService.createCommand(CompareCommands.OPEN,
 *         Map.of(CompareCommands.PARAMETER_RUN_ID, run.id(), CompareCommands.PARAMETER_BASIS, CompareCommands.BASIS_SERVER));
 * handlerService.executeHandler(command);
 * </pre>
 */
public final class CompareCommands {

    /** "Open compare": shows the Compare part for a run and compares in the background. */
    public static final String OPEN = "org.airgap.client.compare.command.open";
    /** Required: the id of the run whose backup is compared ({@code Run.id()}). */
    public static final String PARAMETER_RUN_ID = "org.airgap.client.compare.command.open.runId";
    /** Optional: {@link #BASIS_SERVER} (the default) or {@link #BASIS_PREVIOUS}. */
    public static final String PARAMETER_BASIS = "org.airgap.client.compare.command.open.basis";
    /** The basis of the column "Server version &harr; Backup": the component's server version. */
    public static final String BASIS_SERVER = "server";
    /** The basis of the column "Prev. backup &harr; Backup": the job's previous backup. */
    public static final String BASIS_PREVIOUS = "previous";
    /** The Compare part (in the main part stack). */
    public static final String PART = "org.airgap.client.compare.part";

    private CompareCommands() {
    }
}
