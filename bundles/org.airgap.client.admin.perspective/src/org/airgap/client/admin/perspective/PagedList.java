package org.airgap.client.admin.perspective;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/**
 * The status line, busy bar with Cancel and Newer / Older buttons of an Administration view that reads a
 * filtered list from the server one page at a time, newest first (Runs, Server Audit Trail). It keeps the
 * filters of the pages before the one shown, for Newer. Every read is an Eclipse job ({@link ServerRead}); a
 * newer read cancels the one before and its answer is dropped.
 *
 * @param <F> the view's filter, which also names a page (its cursor and page size)
 */
public final class PagedList<F> {

    /**
     * What the status line calls the view's rows.
     *
     * @param testIdPrefix the widgets' {@code TEST_ID}s are {@code <prefix>.status}, {@code .cancel},
     *                     {@code .newer}, {@code .older}
     * @param rows         what a page lists, in the plural ("runs")
     * @param order        its order, as the status line says it ("newest first")
     */
    public record Texts(String testIdPrefix, String rows, String order) {
    }

    /**
     * How the view's filter names a page.
     *
     * @param after the filter of the page after a filter's, from the cursor the server gave
     * @param limit how many rows a page of a filter has at most
     */
    public record Paging<F>(BiFunction<F, String, F> after, ToIntFunction<F> limit) {
    }

    /** What the view reads for a filter. */
    @FunctionalInterface
    public interface Reader<F> {

        /**
         * The read of {@code filter}'s page, or null when there is none to make (the view said why with
         * {@link PagedList#show}); {@code paging} when it is Newer or Older rather than new filters or a refresh.
         */
        Read read(F filter, boolean paging);
    }

    /**
     * A page's read.
     *
     * @param job     the Eclipse job's name
     * @param reading what the status line says meanwhile
     * @param page    the read itself, off the UI thread
     * @param failed  told on the UI thread, after the status line, when the read did not succeed
     */
    public record Read(String job, String reading, PageRead page, Consumer<String> failed) {
    }

    /** Reads a page from the server, off the UI thread. */
    @FunctionalInterface
    public interface PageRead {
        Page read(IProgressMonitor monitor) throws IOException;
    }

    /**
     * A page as read: how many rows, the cursor of the next (older) page or null, and what shows it (on the UI
     * thread).
     */
    public record Page(int size, String next, Runnable show) {
    }

    private final UISynchronize sync;
    private final Paging<F> paging;
    private final Reader<F> reader;
    private final Consumer<Boolean> enableFilters;
    private final String rows;
    private final String order;
    private final BusyStatus status;
    private final Button newer;
    private final Button older;
    private final Deque<F> previous = new ArrayDeque<>();
    private F shown;
    private String next;
    private Job job;
    private int requests;
    /** Newer or Older when it had the keyboard as it was pressed: disabled while reading, it loses it. */
    private Button pressed;

    /**
     * Adds the bar to {@code parent}: status, busy bar, {@code buttons} (the view's own, may add none), Newer,
     * Older.
     *
     * @param enableFilters enables the view's filters (disabled while a page is read)
     */
    public PagedList(Composite parent, UISynchronize sync, Texts texts, Paging<F> paging, Reader<F> reader,
            Consumer<Boolean> enableFilters, Consumer<Composite> buttons) {
        this.sync = sync;
        this.paging = paging;
        this.reader = reader;
        this.enableFilters = enableFilters;
        this.rows = texts.rows();
        this.order = texts.order();
        String testIdPrefix = texts.testIdPrefix();
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        status = new BusyStatus(bar, testIdPrefix, this::cancel);
        buttons.accept(bar);
        newer = AdminButtons.addDisabled(bar, "\u25C2 &Newer", testIdPrefix + ".newer", "The page of newer " + rows,
                this::newerPage);
        older = AdminButtons.addDisabled(bar, "&Older \u25B8", testIdPrefix + ".older", "The page of older " + rows,
                this::olderPage);
        GridLayout layout = new GridLayout(bar.getChildren().length, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.horizontalSpacing = 8;
        layout.verticalSpacing = 0;
        bar.setLayout(layout);
        busy(false);
    }

    /** Reads the first page of {@code filter} (new filters: the pages before are forgotten). */
    public void first(F filter) {
        load(filter, new ArrayDeque<>(), false);
    }

    /** Reads the page shown again, its pages before kept; false if none is shown yet. */
    public boolean again() {
        if (shown == null) {
            return false;
        }
        load(shown, new ArrayDeque<>(previous), false);
        return true;
    }

    /** The filters cannot be read ({@code message} says why): a read still running must not hide that. */
    public void refused(String message) {
        cancel();
        requests++;
        busy(false);
        show(message, true);
        newer.setEnabled(false);
        older.setEnabled(false);
    }

    /** Shows {@code text} in the status line, in red if a problem. */
    public void show(String text, boolean problem) {
        status.show(text, problem);
    }

    private void olderPage() {
        pressed = older.isFocusControl() ? older : null;
        if (shown != null && next != null) {
            Deque<F> before = new ArrayDeque<>(previous);
            before.push(shown);
            load(paging.after().apply(shown, next), before, true);
        }
    }

    private void newerPage() {
        pressed = newer.isFocusControl() ? newer : null;
        if (!previous.isEmpty()) {
            Deque<F> before = new ArrayDeque<>(previous);
            load(before.pop(), before, true);
        }
    }

    /** Reads the page of {@code filter}; once it is shown, {@code before} are the pages before it. */
    private void load(F filter, Deque<F> before, boolean turning) {
        cancel();
        Read read = reader.read(filter, turning);
        if (read == null) {
            return;
        }
        int request = ++requests;
        busy(true);
        show(read.reading(), false);
        IJobFunction readPage = monitor -> ServerRead.inJob(() -> {
            Page page = read.page().read(monitor);
            sync.asyncExec(() -> shown(request, filter, before, page));
        }, message -> sync.asyncExec(() -> failed(request, message, read.failed())));
        job = Job.create(read.job(), readPage);
        job.schedule();
    }

    private void shown(int request, F filter, Deque<F> before, Page page) {
        if (request != requests || status.isDisposed()) {
            return;
        }
        busy(false);
        previous.clear();
        previous.addAll(before);
        shown = filter;
        next = page.next();
        page.show().run();
        int first = previous.stream().mapToInt(paging.limit()).sum() + 1;
        int last = first + page.size() - 1;
        show(page.size() == 0 ? "No " + rows + " match." : Character.toUpperCase(rows.charAt(0)) + rows.substring(1)
                + " " + first + "\u2013" + last + ", " + order + (next == null ? "" : "; older " + rows + " follow"),
                false);
        newer.setEnabled(!previous.isEmpty());
        older.setEnabled(next != null);
        keepKeyboard();
    }

    /** Gives the keyboard back to the paging button pressed (or the other one, if it is the last page). */
    private void keepKeyboard() {
        Button button = pressed;
        pressed = null;
        if (button == null) {
            return;
        }
        Button other = button == newer ? older : newer;
        if (button.isEnabled()) {
            button.setFocus();
        } else if (other.isEnabled()) {
            other.setFocus();
        } else {
            button.getParent().getParent().setFocus();
        }
    }

    private void failed(int request, String message, Consumer<String> failed) {
        if (request != requests || status.isDisposed()) {
            return;
        }
        busy(false);
        show(message, true);
        failed.accept(message);
        newer.setEnabled(!previous.isEmpty()); // the page shown before stays, with its paging
        older.setEnabled(shown != null && next != null);
        keepKeyboard();
    }

    private void busy(boolean loading) {
        status.busy(loading);
        enableFilters.accept(!loading);
        if (loading) {
            newer.setEnabled(false);
            older.setEnabled(false);
        }
    }

    /** Cancels the read running (Cancel, a new read); its answer is dropped. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** The view closes: every answer still coming is dropped. */
    public void dispose() {
        requests++;
        cancel();
    }
}
