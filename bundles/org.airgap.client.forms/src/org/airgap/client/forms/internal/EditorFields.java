package org.airgap.client.forms.internal;

import java.util.List;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The parts both editor dialogs share: their grid, labelled text fields, and the summary in the title area. */
public final class EditorFields {

    private EditorFields() {
    }

    /** A two-column grid in the dialog area. */
    public static Composite area(Composite dialogArea) {
        Composite area = new Composite(dialogArea, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(area);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(area);
        return area;
    }

    /** A label (its text with its mnemonic) and a one-line text field. */
    public static Text text(Composite area, String label, String value, String testId, Runnable onChange) {
        new Label(area, SWT.NONE).setText(label);
        Text text = new Text(area, SWT.BORDER | SWT.SINGLE);
        text.setText(value == null ? "" : value);
        text.setData(FormIds.TEST_ID, testId);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(text);
        text.addListener(SWT.Modify, event -> onChange.run());
        return text;
    }

    /** A hint in grey below a multi-line field, in the grid's second column: GTK shows none inside one. */
    public static void hintBelow(Composite parent, String hint) {
        new Label(parent, SWT.NONE);
        Label below = new Label(parent, SWT.WRAP);
        below.setText(hint);
        below.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(below);
    }

    /** Ids and names must not be blank, as the server's model checks them. */
    public static void requireText(Text text, String what, List<String> problems) {
        if (text.getText().isBlank()) {
            problems.add(what + ": required");
        }
    }

    /**
     * The first problem (and how many more) as the dialog's error, else {@code fine} as its message; OK enabled only
     * without problems.
     *
     * @param ok the OK button, {@code null} while the button bar is not made yet
     */
    public static void report(TitleAreaDialog dialog, Button ok, List<String> problems, String fine) {
        if (ok != null) {
            ok.setEnabled(problems.isEmpty());
        }
        if (problems.isEmpty()) {
            dialog.setErrorMessage(null);
            dialog.setMessage(fine);
        } else {
            dialog.setErrorMessage(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more)" : ""));
        }
    }
}
