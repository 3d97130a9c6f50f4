package org.airgap.protocol;

import org.airgap.model.CompareResult;

/**
 * The status of a job, component or folder in the administrator's overview, declared from best to worst
 * (octoplant's order): Error > Different > Equal > Not compared > Not available > No job configured. A
 * folder shows the worst status of everything below it.
 */
public enum OverviewStatus {
    /** A component without a job, or a folder without a component that has one. */
    NO_JOB("No job configured"),
    /** The last run had no server version to compare with. */
    NOT_AVAILABLE("Not available"),
    /** The job has never run, or its last run was not compared. */
    NOT_COMPARED("Not compared"),
    EQUAL("Equal"),
    DIFFERENT("Different"),
    /** The last run failed or was cancelled, or its comparison failed. */
    ERROR("Error");

    private final String label;

    OverviewStatus(String label) {
        this.label = label;
    }

    /** The label shown to administrators, for example "No job configured". */
    public String label() {
        return label;
    }

    /** The worse of the two; {@code null} counts as nothing. */
    public OverviewStatus worse(OverviewStatus other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /** The status of a compare result (the last run's, with the server version). */
    public static OverviewStatus of(CompareResult result) {
        return switch (result) {
            case NOT_AVAILABLE -> NOT_AVAILABLE;
            case NOT_COMPARED -> NOT_COMPARED;
            case EQUAL -> EQUAL;
            case DIFFERENT -> DIFFERENT;
            case ERROR -> ERROR;
        };
    }
}
