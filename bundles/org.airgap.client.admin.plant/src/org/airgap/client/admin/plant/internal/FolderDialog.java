package org.airgap.client.admin.plant.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import org.airgap.model.Folder;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * A new folder's id and name. OK is offered once they make a folder (the model's own checks say what is missing,
 * and only once something is typed).
 */
final class FolderDialog extends TitleAreaDialog {

    private final String title;
    private final String parentId;
    private Text id;
    private Text name;
    private Folder answer;
    private boolean typed;

    /** @param parentId the folder it goes into, {@code null} for the top level */
    FolderDialog(Shell shell, String parentId) {
        super(shell);
        this.parentId = parentId;
        this.title = parentId == null ? "New Folder at the Top Level" : "New Folder in " + parentId;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(title);
        setMessage("The id never changes; the name can.");
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        id = field(fields, "&Id:", "plant.edit.id");
        name = field(fields, "&Name:", "plant.edit.name");
        id.setFocus();
        return area;
    }

    private Text field(Composite parent, String labelText, String testId) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(labelText);
        Text text = new Text(parent, SWT.BORDER);
        text.setData(TEST_ID, testId);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(text);
        text.addListener(SWT.Modify, event -> {
            typed = true;
            check();
        });
        return text;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        check();
    }

    private void check() {
        if (getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        String problem = null;
        try {
            answer = new Folder(id.getText().strip(), name.getText().strip(), parentId);
        } catch (IllegalArgumentException | NullPointerException e) {
            answer = null;
            problem = e.getMessage();
        }
        setErrorMessage(typed ? problem : null); // no reproach before anything is typed
        getButton(IDialogConstants.OK_ID).setEnabled(answer != null);
    }

    /** Opens the dialog: the folder to create after OK, {@code null} when cancelled. */
    Folder openFor() {
        return open() == OK ? answer : null;
    }
}
