package org.airgap.client.events;

/**
 * How far a run's driver is.
 *
 * @param key         the run ({@link RunStarted#key()})
 * @param unit        what the driver counts, e.g. "bytes", "registers"
 * @param total       units to do, -1 while unknown
 * @param done        units done
 * @param items       items (files, blocks) the driver has read so far
 * @param currentItem what the driver reads now, may be empty
 */
public record RunProgress(String key, String unit, long total, long done, long items, String currentItem) {
}
