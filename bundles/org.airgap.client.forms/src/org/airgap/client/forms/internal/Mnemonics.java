package org.airgap.client.forms.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * Gives a generated label a mnemonic its dialog does not use yet, so that every field of a form is one
 * Alt+letter away without a driver knowing the dialog it ends up in.
 */
public final class Mnemonics {

    private Mnemonics() {
    }

    /** The text with "&" before its first letter that no label or button of the shell uses; unchanged if none is free. */
    public static String assign(Composite anywhere, String text) {
        Set<Character> used = new HashSet<>();
        collect(anywhere.getShell(), used);
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (Character.isLetterOrDigit(c) && c < 128 && !used.contains(c)) {
                return text.substring(0, i) + "&" + text.substring(i);
            }
        }
        return text;
    }

    private static void collect(Control control, Set<Character> used) {
        String text = control instanceof Label label ? label.getText()
                : control instanceof Button button ? button.getText() : null;
        if (text != null) {
            int index = text.indexOf('&');
            if (index >= 0 && index + 1 < text.length()) {
                used.add(text.toLowerCase(Locale.ROOT).charAt(index + 1));
            }
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, used);
            }
        }
    }
}
