package org.airgap.store;

/**
 * A stored snapshot.
 *
 * @param id       SHA-256 (hex) of the manifest's canonical JSON: equal content, equal id
 * @param manifest its entries
 */
public record Snapshot(String id, Manifest manifest) {
}
