package org.airgap.client.admin.tests;

import static org.airgap.testing.workbench.WorkbenchHarness.testId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.client.WorkbenchIds;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;

/**
 * Real key presses through the display (X events under Xvfb, as a person types them; the Compare view's and the
 * Jobs view's keyboard tests do the same), and what the keyboard reaches in a view.
 */
final class Keyboard {

    private final WorkbenchHarness workbench;

    Keyboard(WorkbenchHarness workbench) {
        this.workbench = workbench;
    }

    /** Makes the workbench window the one the keys go to, with the keyboard in {@code id}'s control. */
    void focus(String id) {
        Control control = workbench.find(Control.class, testId(id));
        workbench.run(() -> {
            org.eclipse.swt.widgets.Shell shell = workbench.mainShell().orElseThrow();
            shell.forceActive();
            shell.setActive();
            control.forceFocus();
        });
        workbench.settle();
    }

    /** Presses and releases one key (SWT.CR, SWT.ARROW_DOWN, SWT.F5, …). */
    void key(int keyCode) {
        post(SWT.KeyDown, keyCode, '\0');
        post(SWT.KeyUp, keyCode, '\0');
        workbench.settle();
    }

    /** Types {@code text}, character by character (lower case letters, digits, '-', ' '). */
    void type(String text) {
        for (char character : text.toCharArray()) {
            post(SWT.KeyDown, 0, character);
            post(SWT.KeyUp, 0, character);
        }
        workbench.settle();
    }

    /** Alt+{@code letter}: the mnemonic of a button (presses it) or a label (puts the keyboard in its field). */
    void alt(char letter) {
        withModifier(SWT.ALT, () -> {
            post(SWT.KeyDown, 0, letter);
            post(SWT.KeyUp, 0, letter);
        });
    }

    /** Shift+{@code keyCode}, e.g. Shift+Down to add the next row to a table's selection. */
    void shift(int keyCode) {
        withModifier(SWT.SHIFT, () -> {
            post(SWT.KeyDown, keyCode, '\0');
            post(SWT.KeyUp, keyCode, '\0');
        });
    }

    /** Ctrl+Shift+{@code letter}, a key binding. */
    void ctrlShift(char letter) {
        withModifier(SWT.CTRL, () -> withModifier(SWT.SHIFT, () -> {
            post(SWT.KeyDown, 0, letter);
            post(SWT.KeyUp, 0, letter);
        }));
    }

    /** Empties the text field with the keyboard: End, Shift+Home, Backspace. */
    void clear() {
        key(SWT.END);
        shift(SWT.HOME);
        key(SWT.BS);
    }

    private void withModifier(int modifier, Runnable keys) {
        post(SWT.KeyDown, modifier, '\0');
        try {
            keys.run();
        } finally {
            post(SWT.KeyUp, modifier, '\0');
        }
        workbench.settle();
    }

    private void post(int type, int keyCode, char character) {
        workbench.run(() -> {
            Event event = new Event();
            event.type = type;
            event.keyCode = keyCode;
            event.character = character;
            if (!workbench.display().post(event)) {
                throw new AssertionError("the display did not take the key event");
            }
        });
        // the X server delivers the event; reading it is the event loop's work
        workbench.settle();
    }

    /** Presses Tab until the keyboard is in {@code id}'s control; false if it is not within {@code most} presses. */
    boolean tabTo(String id, int most) {
        Control target = workbench.find(Control.class, testId(id));
        for (int press = 0; press < most; press++) {
            if (focused() == target) {
                return true;
            }
            key(SWT.TAB);
        }
        return focused() == target;
    }

    /** The control with the keyboard focus. */
    Control focused() {
        return workbench.ui(() -> workbench.display().getFocusControl());
    }

    /** The test id of the control with the keyboard focus. */
    String focusedId() {
        return workbench.ui(() -> {
            Control focus = workbench.display().getFocusControl();
            return focus == null ? null : String.valueOf(focus.getData(WorkbenchIds.TEST_ID));
        });
    }

    /**
     * What the keyboard cannot reach directly in the view whose control {@code id} is: a button without a
     * mnemonic, a text field or combo without a label with one before it, and mnemonics used twice in the view or
     * also by the menu bar (the second would never be reached). Empty when every control has its key.
     */
    List<String> unreachable(String id) {
        return workbench.ui(() -> {
            Composite view = viewOf(workbench.find(Control.class, testId(id)));
            List<Control> inView = controls(view);
            List<String> found = new ArrayList<>();
            Map<Character, String> mnemonics = new HashMap<>();
            // the menu bar's letters come first: GTK opens its menu, whatever a view has on the same letter
            for (org.eclipse.swt.widgets.MenuItem menu : view.getShell().getMenuBar().getItems()) {
                int amp = menu.getText().indexOf('&');
                if (amp >= 0 && amp + 1 < menu.getText().length()) {
                    mnemonics.put(Character.toLowerCase(menu.getText().charAt(amp + 1)), "menu " + menu.getText());
                }
            }
            // the view's controls (shown or not) and those of the views on screen beside it share the letters
            for (Control control : controls(view.getShell())) {
                if (!inView.contains(control) && !control.isVisible()) {
                    continue;
                }
                String text = control instanceof Button button ? button.getText()
                        : control instanceof Label label ? label.getText() : null;
                int amp = text == null ? -1 : text.indexOf('&');
                if (amp >= 0 && amp + 1 < text.length()) {
                    char key = Character.toLowerCase(text.charAt(amp + 1));
                    String before = mnemonics.put(key, text);
                    if (before != null) {
                        found.add("Alt+" + Character.toUpperCase(key) + " twice: " + before + ", " + text);
                    }
                }
            }
            for (int i = 0; i < inView.size(); i++) {
                Control control = inView.get(i);
                if (control instanceof Button button && (button.getStyle() & (SWT.PUSH | SWT.CHECK)) != 0
                        && !button.getText().contains("&")) {
                    found.add("button " + button.getText());
                }
                boolean field = control instanceof Text || control instanceof Combo;
                if (field && !(i > 0 && inView.get(i - 1) instanceof Label label && label.getText().contains("&"))) {
                    found.add("field " + control.getData(WorkbenchIds.TEST_ID));
                }
            }
            return found;
        });
    }

    /** The view's composite: the one its part's renderer made, holding {@code control}. */
    private static Composite viewOf(Control control) {
        Composite view = control.getParent();
        while (!(view.getData("modelElement") instanceof MPart) && view.getParent() != null) {
            view = view.getParent();
        }
        return view;
    }

    private static List<Control> controls(Composite parent) {
        List<Control> controls = new ArrayList<>();
        for (Control child : parent.getChildren()) {
            controls.add(child);
            if (child instanceof Composite composite && !(child instanceof Table) && !(child instanceof Combo)
                    && !(child instanceof Tree)) {
                controls.addAll(controls(composite));
            }
        }
        return controls;
    }
}
