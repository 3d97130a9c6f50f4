package org.airgap.client.admin.perspective;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/** The push buttons of the Administration views: a label with its mnemonic, a tooltip and a test id. */
public final class AdminButtons {

    private AdminButtons() {
    }

    /** Adds a push button (enabled) that runs {@code action}; {@code label} carries its mnemonic ({@code &Older}). */
    public static Button add(Composite parent, String label, String testId, String tooltip, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.setToolTipText(tooltip);
        button.setData(TEST_ID, testId);
        button.addListener(SWT.Selection, event -> action.run());
        return button;
    }

    /** As {@link #add}, disabled until the view has something for it to act on. */
    public static Button addDisabled(Composite parent, String label, String testId, String tooltip, Runnable action) {
        Button button = add(parent, label, testId, tooltip, action);
        button.setEnabled(false);
        return button;
    }
}
