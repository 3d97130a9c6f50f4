package org.airgap.client.admin.overview.internal;

import org.airgap.client.ui.CompareResultStyle;
import org.airgap.model.CompareResult;
import org.airgap.protocol.OverviewStatus;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.graphics.RGB;

/**
 * The colour and icon of each overview status: the compare results' palette of the whole workbench
 * ({@link CompareResultStyle}: Error red, Different orange, Equal green, Not compared / Not available grey),
 * and a lighter grey without an icon for a component without a job.
 */
final class OverviewStyle {

    private OverviewStyle() {
    }

    static RGB color(OverviewStatus status) {
        return status == OverviewStatus.NO_JOB ? CompareResultStyle.LIGHT_GREY
                : CompareResultStyle.color(CompareResult.valueOf(status.name()));
    }

    /** The status's icon; {@code null} for No job configured. */
    static ImageDescriptor image(OverviewStatus status) {
        return status == OverviewStatus.NO_JOB ? null : CompareResultStyle.image(CompareResult.valueOf(status.name()));
    }
}
