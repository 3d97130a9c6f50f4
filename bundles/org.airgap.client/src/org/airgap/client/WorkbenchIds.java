package org.airgap.client;

/**
 * Element ids of the Airgap application model that other bundles contribute to from their
 * {@code fragment.e4xmi} (as {@code parentElementId}) and that tests look up, and the key of the widget
 * ids the UI tests find widgets by.
 */
public final class WorkbenchIds {

    /**
     * The SWT data key under which views name their widgets for the UI tests
     * ({@code widget.setData(TEST_ID, "jobs.table")}).
     */
    public static final String TEST_ID = "org.airgap.test.id";

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
    /** The trim bar at the bottom of the main window (status line, session indicator). */
    public static final String TRIMBAR_BOTTOM = "org.airgap.client.trimbar.bottom";
    public static final String MENU_WINDOW = "org.airgap.client.menu.window";
    /** File > Log in… (M1+L): the login dialog, online or offline. */
    public static final String COMMAND_LOGIN = "org.airgap.client.session.command.login";
    /** File > Log out (M1+M2+L). */
    public static final String COMMAND_LOGOUT = "org.airgap.client.session.command.logout";
    /** Window > Preferences… (M1+,): server URL and workspace folder. */
    public static final String COMMAND_PREFERENCES = "org.airgap.client.session.command.preferences";
    /** File > Sync (M1+M2+S): pull jobs and baselines, then upload the runs waiting for upload. */
    public static final String COMMAND_SYNC = "org.airgap.client.uploads.command.sync";
    /** Uploads: runs waiting for upload, uploading, done and failed (bottom stack). */
    public static final String PART_UPLOADS = "org.airgap.client.uploads.part";
    /** The session indicator in the bottom trim bar. */
    public static final String SESSION_INDICATOR = "org.airgap.client.session.indicator";
    /**
     * IEventBroker topic: the job repository changed (a sync replaced the jobs, an upload was acknowledged,
     * a run finished); views showing repository data read it again. Data: a String saying what changed.
     */
    public static final String TOPIC_REPOSITORY_CHANGED = "airgap/repository/changed";
    public static final String COMMAND_ABOUT = "org.airgap.client.command.about";
    public static final String COMMAND_CHECK_FOR_UPDATES = "org.airgap.client.command.checkforupdates";
    public static final String COMMAND_EXIT = "org.airgap.client.command.exit";
    /**
     * Brings the view named by the parameter {@link #COMMAND_SHOW_PART_ID} to the front and focuses it; views
     * bind it to a key and add it to the Window menu from their fragment (import the command by its id).
     */
    public static final String COMMAND_SHOW_PART = "org.airgap.client.command.showpart";
    public static final String COMMAND_SHOW_PART_ID = "org.airgap.client.command.showpart.id";
    /** Runs the jobs selected in the Jobs view once, each in an Eclipse Job (M1+R). */
    public static final String COMMAND_EXECUTE_JOBS = "org.airgap.client.jobs.command.execute";

    private WorkbenchIds() {
    }
}
