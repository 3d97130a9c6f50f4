package org.airgap.protocol;

/**
 * What a {@code DELETE} under {@code /api/admin/} did to {@code subject} ("component plc-7").
 *
 * @param outcome {@code DELETED} (nothing referred to it: its rows are gone), {@code ARCHIVED} (it has
 *                versions or runs: hidden and restorable, nothing lost) or {@code PURGED} (removed with
 *                its jobs, runs and versions on the administrator's explicit request)
 * @param message the same in words
 */
public record PlantDeletion(String subject, String outcome, String message) {

    public static final String DELETED = "DELETED";
    public static final String ARCHIVED = "ARCHIVED";
    public static final String PURGED = "PURGED";
}
