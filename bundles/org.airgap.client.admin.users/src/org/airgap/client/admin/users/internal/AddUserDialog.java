package org.airgap.client.admin.users.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.Arrays;

import org.airgap.client.admin.users.internal.PasswordDialog.PasswordFields;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.Role;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Add User: name, role and the password twice (never shown); the server checks the name and the length. */
class AddUserDialog extends Dialog {

    static final String TITLE = "Add User";

    private Text name;
    private Combo role;
    private PasswordFields passwords;
    private NewUser user;

    AddUserDialog(Shell parent) {
        super(parent);
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
        new Label(area, SWT.NONE).setText("&Name:");
        name = new Text(area, SWT.BORDER | SWT.SINGLE);
        name.setData(TEST_ID, "users.add.name");
        GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(name);
        name.addListener(SWT.Modify, event -> validate());
        new Label(area, SWT.NONE).setText("R&ole:");
        role = new Combo(area, SWT.READ_ONLY);
        role.setData(TEST_ID, "users.add.role");
        role.setItems(UserTexts.role(Role.TECHNICIAN), UserTexts.role(Role.ADMIN));
        role.select(0);
        passwords = new PasswordFields(area, this::validate);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(!name.getText().isBlank() && passwords.problem() == null);
        }
    }

    @Override
    protected void okPressed() {
        char[] password = passwords.password();
        try {
            user = new NewUser(name.getText().trim(), role.getSelectionIndex() == 1 ? Role.ADMIN : Role.TECHNICIAN,
                    new String(password));
        } finally {
            Arrays.fill(password, '\0');
        }
        super.okPressed();
    }

    /** The user to add, once the dialog closed with OK. */
    NewUser user() {
        return user;
    }
}
