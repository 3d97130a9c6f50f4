package org.airgap.driver.api;

/** How a parameter's text value is read and entered. */
public enum ParameterType {
    /** Free text. */
    TEXT,
    /** A host name or IP address. */
    HOST,
    /** A whole number (ports, unit ids, counts); {@link ParameterDescriptor} may bound it. */
    INTEGER,
    /** "true" or "false". */
    BOOLEAN,
    /** A duration in ISO-8601 (PT5S) or as milliseconds. */
    DURATION,
    /** One of {@link ParameterDescriptor#choices()}. */
    CHOICE,
    /** Several values separated by commas or new lines (paths, globs, register ranges). */
    LIST,
    /** A path on the device or on this computer. */
    PATH
}
