package org.airgap.protocol;

import java.time.Instant;

import org.airgap.model.Component;

/**
 * A component as the administrator sees it ({@code GET /api/admin/components}): the definition, when it
 * was archived ({@code null}: active) and how many versions and runs the server keeps of it.
 */
public record PlantComponent(Component component, Instant archived, int versions, int runs) {
}
