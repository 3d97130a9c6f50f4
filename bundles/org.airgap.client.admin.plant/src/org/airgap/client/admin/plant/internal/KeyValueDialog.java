package org.airgap.client.admin.plant.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.Map;
import java.util.function.Function;

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
 * The plain editor of a folder, component or job: id (only when new), name, device type (a component) and the
 * parameters as {@code key=value} rows (not for a folder: {@code parametersLabel} null), with a note that the server and the driver check them. OK is offered once the rows read
 * and the id and name are filled in; {@code result} turns them into the record to send.
 */
final class KeyValueDialog<T> extends TitleAreaDialog {

    /** What the fields say when OK is pressed. */
    record Values(String id, String name, String deviceType, Map<String, String> parameters) {
    }

    private final String title;
    private final Values initial;
    private final boolean newItem;
    private final boolean withDeviceType;
    private final String parametersLabel;
    private final Function<Values, T> result;
    private Text id;
    private Text name;
    private Text deviceType;
    private Text parameters;
    private T answer;
    private boolean typed;

    KeyValueDialog(Shell shell, String title, Values initial, boolean newItem, boolean withDeviceType,
            String parametersLabel, Function<Values, T> result) {
        super(shell);
        this.title = title;
        this.initial = initial;
        this.newItem = newItem;
        this.withDeviceType = withDeviceType;
        this.parametersLabel = parametersLabel;
        this.result = result;
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
        setMessage(parametersLabel == null ? "The id never changes; the name can." : "Parameters are plain "
                + "key=value rows, one a line (no form for this device type in this workbench); a secret's value shows "
                + "as " + KeyValueRows.MASK + " and stays as it was unless you replace it.");
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        id = field(fields, "&Id:", "plant.edit.id", initial.id());
        id.setEditable(newItem);
        name = field(fields, "&Name:", "plant.edit.name", initial.name());
        if (withDeviceType) {
            deviceType = field(fields, "&Device type:", "plant.edit.deviceType", initial.deviceType());
        }
        if (parametersLabel == null) {
            (newItem ? id : name).setFocus();
            return area;
        }
        Label label = new Label(fields, SWT.NONE);
        label.setText(parametersLabel);
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(label);
        parameters = new Text(fields, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        parameters.setText(KeyValueRows.format(initial.parameters()));
        parameters.setData(TEST_ID, "plant.edit.parameters");
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 120).applyTo(parameters);
        parameters.addListener(SWT.Modify, event -> typed());
        (newItem ? id : name).setFocus();
        return area;
    }

    private Text field(Composite parent, String labelText, String testId, String value) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(labelText);
        Text text = new Text(parent, SWT.BORDER);
        text.setText(value == null ? "" : value);
        text.setData(TEST_ID, testId);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        text.addListener(SWT.Modify, event -> typed());
        return text;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        check();
    }

    private void typed() {
        typed = true;
        check();
    }

    /** OK only for values that make a record: the model's own checks say what is missing. */
    private void check() {
        if (getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        String problem = null;
        try {
            answer = result.apply(values());
        } catch (IllegalArgumentException | NullPointerException e) {
            answer = null;
            problem = e.getMessage();
        }
        setErrorMessage(typed ? problem : null); // no reproach before anything is typed
        getButton(IDialogConstants.OK_ID).setEnabled(answer != null);
    }

    private Values values() {
        return new Values(id.getText().strip(), name.getText().strip(),
                deviceType == null ? initial.deviceType() : deviceType.getText().strip(),
                parameters == null ? Map.of() : KeyValueRows.parse(parameters.getText(), initial.parameters()));
    }

    /** Opens the dialog: the record to send after OK, {@code null} when cancelled. */
    T openFor() {
        return open() == OK ? answer : null;
    }
}
