package org.airgap.client.admin.perspective;

/**
 * Element ids of the Administration perspective (its {@code fragment.e4xmi}): the perspective, its stacks,
 * the Administration menu and its commands. Everything here is shown only while the session is an online
 * login of an administrator.
 */
public final class AdministrationIds {

    /** The Administration perspective, beside the technician's Backup perspective. */
    public static final String PERSPECTIVE = "org.airgap.client.admin.perspective";
    /** The stack on the left of the perspective: the plant (Overview). */
    public static final String PARTSTACK_LEFT = "org.airgap.client.admin.partstack.left";
    /** The stack on the right of the perspective: tables (Runs). */
    public static final String PARTSTACK_MAIN = "org.airgap.client.admin.partstack.main";
    /** The Administration menu of the main menu; views add their commands to it. */
    public static final String MENU = "org.airgap.client.admin.menu";
    /** Switches to the Administration perspective (M1+M2+A). */
    public static final String COMMAND_OPEN = "org.airgap.client.admin.command.open";
    /** Switches back to the Backup perspective (M1+M2+B). */
    public static final String COMMAND_BACKUP = "org.airgap.client.admin.command.backup";
    /** The Overview part (left stack). */
    public static final String PART_OVERVIEW = "org.airgap.client.admin.overview.part";
    /** Reads the overview from the server again (F5). */
    public static final String COMMAND_REFRESH_OVERVIEW = "org.airgap.client.admin.overview.command.refresh";
    /** The Runs part (main stack). */
    public static final String PART_RUNS = "org.airgap.client.admin.runs.part";
    /** The Server audit trail part (main stack). */
    public static final String PART_AUDIT = "org.airgap.client.admin.audit.part";
    /** Brings the Server audit trail part to the front with the keyboard in its table (M1+M2+T). */
    public static final String COMMAND_SHOW_AUDIT = "org.airgap.client.admin.audit.command.show";

    private AdministrationIds() {
    }
}
