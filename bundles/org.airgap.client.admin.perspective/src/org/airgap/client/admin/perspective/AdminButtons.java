package org.airgap.client.admin.perspective;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

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

    /**
     * Gives {@code control} (a table) a context menu (right click, Shift+F10 or the menu key) of {@code buttons}:
     * each item as its button is when the menu opens (text with its mnemonic, enabled or not), choosing one
     * presses the button.
     */
    public static void contextMenu(Control control, Button... buttons) {
        Menu menu = new Menu(control);
        menu.addListener(SWT.Show, event -> {
            for (MenuItem item : menu.getItems()) {
                item.dispose();
            }
            for (Button button : buttons) {
                if (button.isDisposed()) {
                    continue;
                }
                MenuItem item = new MenuItem(menu, SWT.PUSH);
                item.setText(button.getText());
                item.setEnabled(button.isEnabled());
                item.addListener(SWT.Selection, chosen -> {
                    if (!button.isDisposed() && button.isEnabled()) {
                        button.notifyListeners(SWT.Selection, new Event());
                    }
                });
            }
        });
        control.setMenu(menu);
    }
}
