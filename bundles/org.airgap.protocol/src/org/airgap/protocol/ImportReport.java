package org.airgap.protocol;

/** What an import changed (counted over folders, components, jobs and assignments). */
public record ImportReport(int created, int updated, int unchanged) {
}
