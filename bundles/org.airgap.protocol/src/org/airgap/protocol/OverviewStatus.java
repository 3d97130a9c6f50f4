package org.airgap.protocol;

import org.airgap.model.CompareResult;

/**
 * The status of a job, component or folder in the administrator's overview, declared from best to worst
 * (octoplant's order): Error > Different > Equal > Not compared > Not available > No job configured. A
 * folder shows the worst status of everything below it. Apart from {@link #NO_JOB} these are the compare
 * results of the same names.
 */
public enum OverviewStatus {
    /** A component without a job, or a folder without a component that has one. */
    NO_JOB,
    /** The last run had no server version to compare with. */
    NOT_AVAILABLE,
    /** The job has never run, or its last run was not compared. */
    NOT_COMPARED,
    EQUAL,
    DIFFERENT,
    /** The last run failed or was cancelled, or its comparison failed. */
    ERROR;

    /** The label shown to administrators, for example "No job configured"; the compare result's otherwise. */
    public String label() {
        return this == NO_JOB ? "No job configured" : CompareResult.valueOf(name()).label();
    }

    /** The worse of the two; {@code null} counts as nothing. */
    public OverviewStatus worse(OverviewStatus other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
