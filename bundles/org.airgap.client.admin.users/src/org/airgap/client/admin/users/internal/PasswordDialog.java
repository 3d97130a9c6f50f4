package org.airgap.client.admin.users.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.Arrays;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Reset Password: a new password typed twice, never shown (password fields); OK only when both are the same
 * and not empty. The server checks the length it requires and its refusal shows in the view.
 */
class PasswordDialog extends Dialog {

    static final String TITLE = "Reset Password";

    private final String user;
    /** The two password fields and the line saying why OK is off: also used by {@link AddUserDialog}. */
    private PasswordFields fields;
    private char[] password;

    PasswordDialog(Shell parent, String user) {
        super(parent);
        this.user = user;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Label about = new Label(area, SWT.WRAP);
        about.setText("A new password for " + user + ". Their sessions on the server end; they log in with the new"
                + " password.");
        GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(about);
        fields = new PasswordFields(area, this::validate);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(fields.problem() == null);
        }
    }

    @Override
    protected void okPressed() {
        password = fields.password();
        super.okPressed();
    }

    /** The password typed, once the dialog closed with OK; the caller clears it after use. */
    char[] password() {
        return password;
    }

    /** Two password fields that must agree, and the line that says why they do not. */
    static final class PasswordFields {

        private final Text first;
        private final Text second;
        private final Label problem;

        PasswordFields(Composite area, Runnable changed) {
            first = field(area, "&Password:", "users.password.first");
            second = field(area, "&Repeat:", "users.password.second");
            problem = new Label(area, SWT.WRAP);
            GridDataFactory.fillDefaults().span(2, 1).applyTo(problem);
            first.addListener(SWT.Modify, event -> {
                showProblem();
                changed.run();
            });
            second.addListener(SWT.Modify, event -> {
                showProblem();
                changed.run();
            });
            showProblem();
        }

        private static Text field(Composite area, String label, String testId) {
            new Label(area, SWT.NONE).setText(label);
            Text text = new Text(area, SWT.BORDER | SWT.PASSWORD | SWT.SINGLE);
            text.setData(TEST_ID, testId);
            GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(text);
            return text;
        }

        /** Why OK is off, or null when the two fields agree. */
        String problem() {
            char[] one = first.getTextChars();
            char[] two = second.getTextChars();
            try {
                if (one.length == 0) {
                    return "Type the new password twice.";
                }
                return Arrays.equals(one, two) ? null : "The two passwords differ.";
            } finally {
                Arrays.fill(one, '\0');
                Arrays.fill(two, '\0');
            }
        }

        private void showProblem() {
            String text = problem();
            problem.setText(text == null ? "" : text);
        }

        char[] password() {
            return first.getTextChars();
        }
    }
}
