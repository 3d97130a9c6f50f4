package org.airgap.protocol;

/**
 * {@code POST /api/admin/folders/<id>/move} and {@code /api/admin/components/<id>/move}: the folder to move
 * into; {@code null} makes a folder a top-level folder (a component always needs one).
 */
public record PlantMove(String to) {
}
