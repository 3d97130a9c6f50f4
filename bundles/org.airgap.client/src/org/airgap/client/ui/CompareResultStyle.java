package org.airgap.client.ui;

import org.airgap.model.CompareResult;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.graphics.RGB;

/**
 * How a {@link CompareResult} looks wherever it is shown: Equal green, Different orange, Error red, Not
 * available and Not compared grey, each with its icon, so that colour is never the only sign. The palette
 * below is the only one for compare results: the Compare view colours its per-file marks (added green,
 * changed orange, removed red, …) and the rows of its diffs with the same colours and their tints.
 * Treat the constants as read-only.
 */
public final class CompareResultStyle {

    /** Equal results; added files and lines. */
    public static final RGB GREEN = new RGB(0x2e, 0x7d, 0x32);
    /** Different results; changed files and lines. */
    public static final RGB ORANGE = new RGB(0xd8, 0x4a, 0x00);
    /** Failed compares; removed files and lines. */
    public static final RGB RED = new RGB(0xc6, 0x28, 0x28);
    /** Nothing to compare; equal files. */
    public static final RGB GREY = new RGB(0x75, 0x75, 0x75);
    /** Files left out by an ignore rule. */
    public static final RGB LIGHT_GREY = new RGB(0x9e, 0x9e, 0x9e);
    /** Files that could not be read. */
    public static final RGB PURPLE = new RGB(0x8e, 0x24, 0xaa);

    /** Row backgrounds of the diffs: tints of the colours above. */
    public static final RGB GREEN_TINT = new RGB(0xdf, 0xf3, 0xe0);
    public static final RGB RED_TINT = new RGB(0xfb, 0xe0, 0xe0);
    public static final RGB ORANGE_TINT = new RGB(0xff, 0xef, 0xcc);
    /** The changed part within a changed line: a stronger orange tint. */
    public static final RGB ORANGE_HIGHLIGHT = new RGB(0xff, 0xd2, 0x7a);
    /** Where one side of a diff has no line. */
    public static final RGB GREY_TINT = new RGB(0xee, 0xee, 0xee);
    public static final RGB LIGHT_GREY_TINT = new RGB(0xf5, 0xf5, 0xf5);

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
