package org.airgap.client;

/**
 * Element ids of the Airgap application model that other bundles contribute to from their
 * {@code fragment.e4xmi} (as {@code parentElementId}) and that tests look up.
 */
public final class WorkbenchIds {

    public static final String APPLICATION = "org.airgap.client.application";
    public static final String MAIN_WINDOW = "org.airgap.client.window.main";
    public static final String PERSPECTIVE_BACKUP = "org.airgap.client.perspective.backup";
    /** The narrow stack on the left: trees and navigation (components). */
    public static final String PARTSTACK_LEFT = "org.airgap.client.partstack.left";
    /** The large stack in the middle: tables and editors (jobs, compare). */
    public static final String PARTSTACK_MAIN = "org.airgap.client.partstack.main";
    /** The stack below the main one: consoles, progress, audit. */
    public static final String PARTSTACK_BOTTOM = "org.airgap.client.partstack.bottom";
    /** Jobs: the table of synced jobs with their last results (main stack). */
    public static final String PART_JOBS = "org.airgap.client.jobs.part";
    /** Components: the folder and component tree (left stack). */
    public static final String PART_COMPONENTS = "org.airgap.client.components.part";
    /** Run console: progress and log of the runs started in this workbench (bottom stack). */
    public static final String PART_RUN_CONSOLE = "org.airgap.client.console.part";
    /** The key bindings active in every window; fragments add their bindings here. */
    public static final String BINDINGS_WINDOW = "org.airgap.client.bindings.window";
    public static final String MENU_MAIN = "menu:org.eclipse.ui.main.menu";
    public static final String MENU_FILE = "org.airgap.client.menu.file";
    public static final String MENU_HELP = "org.airgap.client.menu.help";
    public static final String STATUS_LINE = "org.airgap.client.statusline";
    public static final String COMMAND_ABOUT = "org.airgap.client.command.about";
    public static final String COMMAND_CHECK_FOR_UPDATES = "org.airgap.client.command.checkforupdates";
    public static final String COMMAND_EXIT = "org.airgap.client.command.exit";
    /** Runs the jobs selected in the Jobs view once, each in an Eclipse Job (M1+R). */
    public static final String COMMAND_EXECUTE_JOBS = "org.airgap.client.jobs.command.execute";

    private WorkbenchIds() {
    }
}
