package org.airgap.model;

import java.util.Objects;

/**
 * A job's rule for what the compare leaves out, so that a device that did not change compares Equal.
 *
 * @param pathGlob    which snapshot files the rule applies to, a glob on the '/'-separated relative path
 *                    ({@code *} within a segment, {@code **} across segments, {@code ?} one character)
 * @param linePattern a regular expression: lines of those files that match it (for example a timestamp a
 *                    device rewrites on every read) are left out of the compare; {@code null} leaves the
 *                    whole files out
 */
public record IgnoreRule(String pathGlob, String linePattern) {

    public IgnoreRule {
        Objects.requireNonNull(pathGlob, "pathGlob");
    }

    /** Leaves whole files out. */
    public static IgnoreRule files(String pathGlob) {
        return new IgnoreRule(pathGlob, null);
    }

    /** Leaves matching lines of the files out. */
    public static IgnoreRule lines(String pathGlob, String linePattern) {
        return new IgnoreRule(pathGlob, Objects.requireNonNull(linePattern, "linePattern"));
    }
}
