package org.airgap.client.ui;

import org.airgap.model.CompareResult;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.graphics.RGB;

/**
 * How a {@link CompareResult} looks wherever it is shown: Equal green, Different orange, Error red, Not
 * available and Not compared grey, each with its icon, so that colour is never the only sign.
 */
public final class CompareResultStyle {

    private static final RGB GREEN = new RGB(0x2e, 0x7d, 0x32);
    private static final RGB ORANGE = new RGB(0xd8, 0x4a, 0x00);
    private static final RGB RED = new RGB(0xc6, 0x28, 0x28);
    private static final RGB GREY = new RGB(0x75, 0x75, 0x75);

    private CompareResultStyle() {
    }

    public static RGB color(CompareResult result) {
        return switch (result) {
        case EQUAL -> GREEN;
        case DIFFERENT -> ORANGE;
        case ERROR -> RED;
        case NOT_AVAILABLE, NOT_COMPARED -> GREY;
        };
    }

    public static ImageDescriptor image(CompareResult result) {
        return WorkbenchImages.descriptor(switch (result) {
        case EQUAL -> "result-equal.png";
        case DIFFERENT -> "result-different.png";
        case ERROR -> "result-error.png";
        case NOT_AVAILABLE -> "result-not-available.png";
        case NOT_COMPARED -> "result-not-compared.png";
        });
    }
}
