package org.airgap.update;

/**
 * A feature (or the product itself) installed in this Airgap installation, as p2 records it.
 *
 * @param id      the feature id, for example {@code org.airgap.client.feature}
 * @param version the installed version, qualifier included
 * @param name    the human-readable name, or the id when the feature has none
 */
public record InstalledFeature(String id, String version, String name) {
}
