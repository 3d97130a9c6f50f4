package org.airgap.client.admin.overview.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.airgap.client.admin.overview.internal.OverviewFigures.AgeBucket;
import org.airgap.client.admin.overview.internal.OverviewFigures.FolderBar;
import org.airgap.client.ui.CompareResultStyle;
import org.airgap.protocol.OverviewStatus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The overview's picture, drawn with SWT's GC on a canvas: each folder's components as one horizontal bar
 * stacked by status, worst first, in the compare results' colours; below them a histogram of how old the
 * components' latest backups are. The same numbers in words are the canvas's tooltip.
 */
final class OverviewChart {

    private static final int ROW = 16;
    private static final int HISTOGRAM = 5 * ROW;
    private static final Color TEXT = new Color(0x30, 0x30, 0x30);
    private static final Color AXIS = new Color(CompareResultStyle.LIGHT_GREY);
    private static final Color AGE = new Color(CompareResultStyle.GREY);
    private static final Color NEVER = new Color(CompareResultStyle.LIGHT_GREY);

    private final Canvas canvas;
    private List<FolderBar> bars = List.of();
    private Map<AgeBucket, Integer> ages = Map.of();

    OverviewChart(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setData(TEST_ID, "overview.chart");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 0).applyTo(canvas);
        canvas.addPaintListener(event -> paint(event.gc));
    }

    /**
     * Draws these figures ({@link OverviewFigures#folderBars}, {@link OverviewFigures#backupAges}, computed off the
     * UI thread); the caller lays out the canvas's parent, which has its height then.
     */
    void show(List<FolderBar> folderBars, Map<AgeBucket, Integer> backupAges) {
        bars = folderBars;
        ages = backupAges;
        int height = barsHeight() + HISTOGRAM + 2 * ROW;
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, height).applyTo(canvas);
        canvas.setToolTipText(words());
        canvas.redraw();
    }

    private void paint(GC gc) {
        if (ages.isEmpty()) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        gc.setAntialias(SWT.ON);
        paintBars(gc, new Rectangle(0, 0, area.width, barsHeight()));
        paintAges(gc, new Rectangle(0, barsHeight(), area.width, area.height - barsHeight()));
    }

    /** The title and a row per folder. */
    private int barsHeight() {
        return (bars.size() + 1) * ROW + 8;
    }

    private void paintBars(GC gc, Rectangle area) {
        gc.setForeground(TEXT);
        gc.drawText("Status per folder", area.x, area.y, true);
        int labelWidth = Math.min(area.width / 3, 110);
        int barWidth = Math.max(10, area.width - labelWidth - 30);
        int most = bars.stream().mapToInt(FolderBar::total).max().orElse(0);
        List<OverviewStatus> worstFirst = new ArrayList<>(List.of(OverviewStatus.values()));
        java.util.Collections.reverse(worstFirst);
        int y = area.y + ROW + 4;
        for (FolderBar bar : bars) {
            gc.setForeground(TEXT);
            String name = (bar.depth() > 0 ? "  " : "") + bar.name();
            gc.setClipping(area.x, y, labelWidth - 4, ROW);
            gc.drawText(name, area.x, y, true);
            gc.setClipping((Rectangle) null);
            int x = area.x + labelWidth;
            for (OverviewStatus status : worstFirst) {
                int count = bar.counts().getOrDefault(status, 0);
                if (count > 0 && most > 0) {
                    int width = Math.max(2, barWidth * count / most);
                    gc.setBackground(new Color(OverviewStyle.color(status)));
                    gc.fillRectangle(x, y + 2, width, ROW - 4);
                    x += width;
                }
            }
            gc.setForeground(TEXT);
            gc.drawText(Integer.toString(bar.total()), x + 4, y, true);
            y += ROW;
        }
    }

    private void paintAges(GC gc, Rectangle area) {
        gc.setForeground(TEXT);
        gc.drawText("Backup age (components)", area.x, area.y, true);
        AgeBucket[] buckets = AgeBucket.values();
        int top = area.y + 2 * ROW;
        int bottom = area.y + area.height - ROW - 2;
        int column = Math.max(8, Math.min(90, area.width / buckets.length));
        int most = ages.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        gc.setForeground(AXIS);
        gc.drawLine(area.x, bottom, area.x + column * buckets.length, bottom);
        for (int i = 0; i < buckets.length; i++) {
            int count = ages.getOrDefault(buckets[i], 0);
            int x = area.x + i * column;
            int height = most == 0 ? 0 : (bottom - top) * count / most;
            gc.setBackground(buckets[i] == AgeBucket.NEVER ? NEVER : AGE);
            gc.fillRectangle(x + 3, bottom - height, column - 6, height);
            gc.setForeground(TEXT);
            centred(gc, Integer.toString(count), x, column, bottom - height - ROW);
            centred(gc, buckets[i].label(), x, column, bottom + 1);
        }
    }

    private static void centred(GC gc, String text, int x, int width, int y) {
        Point size = gc.textExtent(text);
        gc.drawText(text, x + Math.max(0, (width - size.x) / 2), y, true);
    }

    /** The picture in words: each folder's counts, then the ages. */
    private String words() {
        String folders = bars.stream().map(bar -> bar.name() + ": " + bar.counts().entrySet().stream()
                .sorted(Map.Entry.<OverviewStatus, Integer>comparingByKey().reversed())
                .map(entry -> entry.getValue() + " " + entry.getKey().label()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        String backups = ages.entrySet().stream().map(entry -> entry.getKey().label() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
        return folders + "\nBackup age: " + backups;
    }
}
