package org.airgap.benchmark.paint;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Item;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Scrollable;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Watches a view's tree or table from the moment the view was asked to open. It listens for
 * {@code SWT.PaintItem}, which SWT sends while GTK draws a row's cell (after GTK's own drawing of the cell's
 * text and image; a virtual control fills a row, through the viewer, just before it draws it), and keeps, per
 * row position, whether the row last drawn there had its element set (the JFace viewer sets an item's texts
 * when it sets its element) and a first column's text. After each draw (checked once the draw has returned) the
 * view counts as painted when the drawn rows are contiguous from the top, all of them with data, and reach the
 * bottom of the control's visible area: the time of the last cell drawn then is the result. So a view with
 * fewer rows than fit is not recognised (the benchmark's plant has far more). The watch also notes when the
 * control first had rows (polled every 5 ms on the UI thread): the data's arrival, when the view set its
 * input. It never asks an item for its text before the viewer filled it, so it does not make a virtual control
 * fill rows it would not fill itself. A PaintItem listener makes SWT draw the control's cells through its
 * owner-draw renderer, which costs a little per drawn cell.
 */
final class PaintWatch implements Listener {

    private static final int POLL_MILLIS = 5;

    private final long requested;
    private final Control control;
    private final CountDownLatch done = new CountDownLatch(1);
    /** Row top (in the coordinates of the PaintItem events) to whether the row last drawn there had its data. */
    private final Map<Integer, Boolean> rows = new TreeMap<>();
    private int rowHeight;
    private long rowsArrived;
    private long lastDrawn;
    private long painted;
    private int cellsDrawn;
    private boolean checkPending;

    private PaintWatch(long requested, Control control) {
        this.requested = requested;
        this.control = control;
    }

    /** Starts watching the first tree or table below {@code root}; on the UI thread, right after the open. */
    static PaintWatch attach(long requested, Composite root) {
        Control control = firstRows(root);
        if (control == null) {
            throw new IllegalStateException("the view has no tree or table");
        }
        PaintWatch watch = new PaintWatch(requested, control);
        control.addListener(SWT.PaintItem, watch);
        watch.pollRows();
        return watch;
    }

    private static Control firstRows(Composite parent) {
        for (Control child : parent.getChildren()) {
            if (child instanceof Tree || child instanceof Table) {
                return child;
            }
            if (child instanceof Composite composite) {
                Control found = firstRows(composite);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void pollRows() {
        if (control.isDisposed() || rowsArrived != 0) {
            return;
        }
        if (itemCount() > 0) {
            rowsArrived = System.nanoTime();
            return;
        }
        control.getDisplay().timerExec(POLL_MILLIS, this::pollRows);
    }

    @Override
    public void handleEvent(Event event) {
        long now = System.nanoTime();
        if (painted != 0 || !(event.item instanceof Item item)) {
            return;
        }
        cellsDrawn++;
        if (event.index == 0) {
            rows.put(event.y, item.getData() != null && !text(item).isEmpty());
            rowHeight = Math.max(rowHeight, event.height);
            lastDrawn = now;
        }
        if (!checkPending) {
            checkPending = true;
            control.getDisplay().asyncExec(this::check); // after this draw has returned
        }
    }

    private void check() {
        checkPending = false;
        if (painted != 0 || control.isDisposed() || itemCount() == 0 || !allVisibleRowsDrawn()) {
            return;
        }
        painted = lastDrawn;
        control.removeListener(SWT.PaintItem, this);
        done.countDown();
    }

    private boolean allVisibleRowsDrawn() {
        Rectangle area = ((Scrollable) control).getClientArea();
        int expected = 0;
        for (Map.Entry<Integer, Boolean> row : rows.entrySet()) {
            if (row.getKey() != expected || !row.getValue()) {
                return false; // a gap above this row, or a row drawn without its data
            }
            expected += rowHeight;
        }
        return !rows.isEmpty() && expected >= area.y + area.height;
    }

    private int itemCount() {
        return control instanceof Tree tree ? tree.getItemCount() : ((Table) control).getItemCount();
    }

    private static String text(Item item) {
        return item instanceof TreeItem row ? row.getText(0) : ((TableItem) item).getText(0);
    }

    /** Waits until all visible rows were painted; false after {@code seconds}. */
    boolean await(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    /** "painted 412.3 ms (rows there at 380.1 ms), 13 rows drawn, 52 cells drawn, tree overview.tree". */
    String result() {
        String what = (control instanceof Tree ? "tree " : "table ") + control.getData("org.airgap.test.id");
        String arrived = rowsArrived == 0 ? "no rows yet"
                : String.format(Locale.ROOT, "rows there at %.1f ms", millis(rowsArrived));
        if (painted == 0) {
            return "NOT painted within the timeout (" + arrived + ", rows drawn by position " + rows + ", row height "
                    + rowHeight + ", client area " + ((Scrollable) control).getClientArea() + ", " + what + ")";
        }
        return String.format(Locale.ROOT, "painted %.1f ms (%s), %d rows drawn, %d cells drawn, %s",
                millis(painted), arrived, rows.size(), cellsDrawn, what);
    }

    private double millis(long nanos) {
        return (nanos - requested) / 1e6;
    }
}
