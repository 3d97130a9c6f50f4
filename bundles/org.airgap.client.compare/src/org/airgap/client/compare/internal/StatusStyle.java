package org.airgap.client.compare.internal;

import java.util.EnumMap;
import java.util.Map;

import org.airgap.client.ui.CompareResultStyle;
import org.airgap.compare.EntryStatus;
import org.airgap.model.CompareResult;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/**
 * Colours and 16-pixel icons of the compare view, in the colours of {@link CompareResultStyle}: a round badge per status (+ added, &minus; removed, a
 * dot for changed, = equal, a ring for ignored, ! for errors), a folder and a file. The icons are drawn
 * here rather than shipped as files so that they stay consistent with the colours; dispose with the view.
 */
final class StatusStyle {

    /** Row backgrounds of the text and table diffs. */
    static final Color ADDED_BACKGROUND = new Color(CompareResultStyle.GREEN_TINT);
    static final Color REMOVED_BACKGROUND = new Color(CompareResultStyle.RED_TINT);
    static final Color CHANGED_BACKGROUND = new Color(CompareResultStyle.ORANGE_TINT);
    static final Color CHANGED_PART_BACKGROUND = new Color(CompareResultStyle.ORANGE_HIGHLIGHT);
    static final Color FILLER_BACKGROUND = new Color(CompareResultStyle.GREY_TINT);
    static final Color IGNORED_BACKGROUND = new Color(CompareResultStyle.LIGHT_GREY_TINT);

    private final Map<EntryStatus, Image> badges = new EnumMap<>(EntryStatus.class);
    private final Map<EntryStatus, Color> colors = new EnumMap<>(EntryStatus.class);
    private final Map<CompareResult, Color> results = new EnumMap<>(CompareResult.class);
    private final Image folder;
    private final Image file;

    StatusStyle(Display display) {
        for (EntryStatus status : EntryStatus.values()) {
            colors.put(status, new Color(rgb(status)));
            badges.put(status, new Image(display, badge(status)));
        }
        for (CompareResult result : CompareResult.values()) {
            results.put(result, new Color(CompareResultStyle.color(result)));
        }
        folder = new Image(display, folder());
        file = new Image(display, file());
    }

    /** An entry's colour, from the workbench's one palette for compare results. */
    static RGB rgb(EntryStatus status) {
        return switch (status) {
            case ADDED -> CompareResultStyle.GREEN;
            case REMOVED -> CompareResultStyle.RED;
            case CHANGED -> CompareResultStyle.ORANGE;
            case EQUAL -> CompareResultStyle.GREY;
            case IGNORED -> CompareResultStyle.LIGHT_GREY;
            case ERROR -> CompareResultStyle.PURPLE;
        };
    }

    Image badge(EntryStatus status, boolean folderWithChanges) {
        return badges.get(folderWithChanges ? EntryStatus.CHANGED : status);
    }

    Color color(EntryStatus status) {
        return colors.get(status);
    }

    /** The colour of a whole comparison's result, as the Jobs view shows it. */
    Color color(CompareResult result) {
        return results.get(result);
    }

    Image folderImage() {
        return folder;
    }

    Image fileImage() {
        return file;
    }

    void dispose() {
        badges.values().forEach(Image::dispose);
        folder.dispose();
        file.dispose();
    }

    private static ImageData badge(EntryStatus status) {
        Canvas16 canvas = new Canvas16();
        RGB color = rgb(status);
        if (status == EntryStatus.IGNORED) {
            canvas.disc(7.5, 7.5, 6.5, color);
            canvas.disc(7.5, 7.5, 4.5, null);
            return canvas.data();
        }
        canvas.disc(7.5, 7.5, 7, color);
        RGB white = new RGB(255, 255, 255);
        switch (status) {
            case ADDED -> {
                canvas.rect(4, 7, 8, 2, white);
                canvas.rect(7, 4, 2, 8, white);
            }
            case REMOVED -> canvas.rect(4, 7, 8, 2, white);
            case CHANGED -> canvas.disc(7.5, 7.5, 2.8, white);
            case EQUAL -> {
                canvas.rect(4, 5, 8, 2, white);
                canvas.rect(4, 9, 8, 2, white);
            }
            case ERROR -> {
                canvas.rect(7, 3, 2, 7, white);
                canvas.rect(7, 11, 2, 2, white);
            }
            default -> {
            }
        }
        return canvas.data();
    }

    private static ImageData folder() {
        Canvas16 canvas = new Canvas16();
        RGB edge = new RGB(0xb0, 0x84, 0x1f);
        canvas.rect(1, 3, 6, 2, edge);
        canvas.rect(1, 4, 14, 10, edge);
        canvas.rect(2, 5, 12, 8, new RGB(0xf2, 0xc5, 0x5c));
        canvas.rect(2, 5, 12, 1, new RGB(0xf8, 0xdc, 0x8f));
        return canvas.data();
    }

    private static ImageData file() {
        Canvas16 canvas = new Canvas16();
        RGB edge = new RGB(0x80, 0x86, 0x8c);
        canvas.rect(3, 1, 10, 14, edge);
        canvas.rect(4, 2, 8, 12, new RGB(0xff, 0xff, 0xff));
        RGB line = new RGB(0xb0, 0xb6, 0xbc);
        for (int y = 4; y <= 11; y += 2) {
            canvas.rect(5, y, y == 11 ? 4 : 6, 1, line);
        }
        return canvas.data();
    }

    /** A 16 by 16 RGBA raster with the few shapes the icons need; discs are anti-aliased. */
    private static final class Canvas16 {
        private static final int SIZE = 16;
        private final RGB[] pixels = new RGB[SIZE * SIZE];
        private final int[] alpha = new int[SIZE * SIZE];

        void rect(int x, int y, int width, int height, RGB color) {
            for (int row = y; row < y + height; row++) {
                for (int column = x; column < x + width; column++) {
                    pixels[row * SIZE + column] = color;
                    alpha[row * SIZE + column] = 255;
                }
            }
        }

        /** A filled disc; {@code null} colour punches a transparent hole. */
        void disc(double centerX, double centerY, double radius, RGB color) {
            for (int row = 0; row < SIZE; row++) {
                for (int column = 0; column < SIZE; column++) {
                    double distance = Math.hypot(column - centerX, row - centerY); // pixel (c, r) covers c..c+1
                    double coverage = Math.max(0, Math.min(1, radius + 0.5 - distance));
                    if (coverage <= 0) {
                        continue;
                    }
                    int index = row * SIZE + column;
                    if (color == null) {
                        alpha[index] = (int) Math.round(alpha[index] * (1 - coverage));
                    } else if (pixels[index] == null || alpha[index] == 0) {
                        pixels[index] = color;
                        alpha[index] = (int) Math.round(255 * coverage);
                    } else {
                        pixels[index] = blend(pixels[index], color, coverage);
                        alpha[index] = Math.max(alpha[index], (int) Math.round(255 * coverage));
                    }
                }
            }
        }

        private static RGB blend(RGB under, RGB over, double amount) {
            return new RGB((int) Math.round(under.red + (over.red - under.red) * amount),
                    (int) Math.round(under.green + (over.green - under.green) * amount),
                    (int) Math.round(under.blue + (over.blue - under.blue) * amount));
        }

        ImageData data() {
            ImageData data = new ImageData(SIZE, SIZE, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
            for (int index = 0; index < pixels.length; index++) {
                RGB pixel = pixels[index] == null ? new RGB(255, 255, 255) : pixels[index];
                data.setPixel(index % SIZE, index / SIZE, pixel.red << 16 | pixel.green << 8 | pixel.blue);
                data.setAlpha(index % SIZE, index / SIZE, alpha[index]);
            }
            return data;
        }
    }
}
