package org.airgap.client.admin.perspective;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import org.airgap.client.ui.CompareResultStyle;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * The status line of an Administration view and, while a call to the server runs, a busy bar with Cancel beside
 * it (hidden otherwise, so it takes no room). A problem shows in red.
 */
public final class BusyStatus {

    private static final Color PROBLEM = new Color(CompareResultStyle.RED);

    private final Label status;
    private final Composite busy;

    /**
     * Adds the status line and the busy bar to {@code row} (a grid, two of its columns).
     *
     * @param testIdPrefix their {@code TEST_ID}s are {@code <prefix>.status} and {@code <prefix>.cancel}
     * @param cancel       what Cancel (Alt+C) does
     */
    public BusyStatus(Composite row, String testIdPrefix, Runnable cancel) {
        status = new Label(row, SWT.WRAP);
        status.setData(TEST_ID, testIdPrefix + ".status");
        GridData statusLayout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        statusLayout.widthHint = 200;
        status.setLayoutData(statusLayout);
        busy = new Composite(row, SWT.NONE);
        GridLayout busyLayout = new GridLayout(2, false);
        busyLayout.marginWidth = 0;
        busyLayout.marginHeight = 0;
        busyLayout.horizontalSpacing = 4;
        busy.setLayout(busyLayout);
        busy.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        ProgressBar progress = new ProgressBar(busy, SWT.INDETERMINATE);
        GridData progressLayout = new GridData(SWT.FILL, SWT.CENTER, false, false);
        progressLayout.widthHint = 90;
        progress.setLayoutData(progressLayout);
        Button cancelButton = new Button(busy, SWT.PUSH);
        cancelButton.setText("&Cancel");
        cancelButton.setData(TEST_ID, testIdPrefix + ".cancel");
        cancelButton.addListener(SWT.Selection, event -> cancel.run());
    }

    /** Shows {@code text} in the status line (and as its tooltip, for a long one), in red if a problem. */
    public void show(String text, boolean problem) {
        if (status.isDisposed()) {
            return;
        }
        status.setText(text);
        status.setToolTipText(text);
        status.setForeground(problem ? PROBLEM : null);
        status.getParent().layout(true, true);
    }

    /** Shows or hides the busy bar and its Cancel. */
    public void busy(boolean working) {
        if (busy.isDisposed()) {
            return;
        }
        busy.setVisible(working);
        ((GridData) busy.getLayoutData()).exclude = !working;
        busy.getParent().layout(true, true);
    }

    /** Whether the busy bar shows (a call runs). */
    public boolean isBusy() {
        return !busy.isDisposed() && busy.getVisible();
    }

    /** Whether the view is gone (its answers are dropped then). */
    public boolean isDisposed() {
        return status.isDisposed();
    }
}
