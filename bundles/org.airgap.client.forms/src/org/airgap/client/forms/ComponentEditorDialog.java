package org.airgap.client.forms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.client.forms.internal.EditorFields;
import org.airgap.client.forms.internal.FormHolder;
import org.airgap.client.forms.internal.FormIds;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Creates or edits a component: id (on create only), name, device type — one of the installed drivers, or kept as
 * it is when its driver is not installed here — and the connection as a {@link ParameterForm}. OK stays disabled
 * while anything is refused. {@code open()}, then {@link #result()} after OK.
 */
public final class ComponentEditorDialog extends TitleAreaDialog {

    private final DriverCatalog catalog;
    private final ComponentDraft initial;
    private final boolean create;
    private final Runnable catalogListener = this::driversChanged;
    private Text id;
    private Text name;
    private Combo deviceType;
    private final List<String> deviceTypes = new ArrayList<>();
    private FormHolder holder;
    private String shownType;
    private ComponentDraft result;

    private ComponentEditorDialog(Shell parent, DriverCatalog catalog, ComponentDraft initial, boolean create) {
        super(parent);
        this.catalog = catalog;
        this.initial = initial;
        this.create = create;
    }

    /** A new component; {@code deviceType} preselected when given ("" for the first installed driver). */
    public static ComponentEditorDialog create(Shell parent, DriverCatalog catalog, String deviceType) {
        return new ComponentEditorDialog(parent, catalog, new ComponentDraft("", "", deviceType, Map.of()), true);
    }

    /** An existing component: its id cannot change. */
    public static ComponentEditorDialog edit(Shell parent, DriverCatalog catalog, ComponentDraft component) {
        return new ComponentEditorDialog(parent, catalog, component, false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(create ? "New Component" : "Edit Component");
        shell.setData(FormIds.TEST_ID, "component.editor");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = EditorFields.area((Composite) super.createDialogArea(parent));
        setTitle(create ? "New component" : "Component " + initial.id());
        id = EditorFields.text(area, "&Id:", initial.id(), "component.id", this::validate);
        id.setEditable(create);
        name = EditorFields.text(area, "&Name:", initial.name(), "component.name", this::validate);
        new Label(area, SWT.NONE).setText("&Device type:");
        deviceType = new Combo(area, SWT.READ_ONLY | SWT.DROP_DOWN);
        deviceType.setData(FormIds.TEST_ID, "component.deviceType");
        deviceType.addListener(SWT.Selection, event -> showForm(selectedType(), holder.form().values()));
        holder = new FormHolder(area, 520, this::validate);
        fillDeviceTypes(initial.deviceType().isEmpty() ? null : initial.deviceType());
        showForm(selectedType(), initial.connection());
        catalog.addListener(catalogListener);
        area.addListener(SWT.Dispose, event -> catalog.removeListener(catalogListener));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void fillDeviceTypes(String selected) {
        deviceTypes.clear();
        List<String> items = new ArrayList<>();
        for (DriverInfo driver : catalog.drivers()) {
            deviceTypes.add(driver.id());
            items.add(driver.title());
        }
        if (selected != null && !deviceTypes.contains(selected)) {
            deviceTypes.add(selected);
            items.add(selected + " (driver not installed here)");
        }
        deviceType.setItems(items.toArray(String[]::new));
        deviceType.select(Math.max(0, selected == null ? 0 : deviceTypes.indexOf(selected)));
    }

    private String selectedType() {
        int index = deviceType.getSelectionIndex();
        return index < 0 ? initial.deviceType() : deviceTypes.get(index);
    }

    /** Shows the form of {@code type}; the values its driver knows carry over from the previous type's form. */
    private void showForm(String type, Map<String, String> values) {
        if (type.equals(shownType) && holder.form() != null) {
            return;
        }
        DriverInfo driver = catalog.driver(type).orElse(null);
        Map<String, String> kept = new HashMap<>(values);
        if (driver != null && shownType != null) {
            kept.keySet().retainAll(driver.parameters().stream().map(p -> p.name()).toList());
        }
        shownType = type;
        holder.show(parent -> ParameterForm.forConnection(parent, type, driver, kept));
        getShell().layout(true, true);
        validate();
    }

    /** A driver came or went while the dialog is open: the list follows, and a form appears for a new driver. */
    private void driversChanged() {
        Shell shell = getShell();
        if (shell == null || shell.isDisposed()) {
            return;
        }
        shell.getDisplay().asyncExec(() -> {
            if (deviceType.isDisposed()) {
                return;
            }
            String type = selectedType();
            fillDeviceTypes(type);
            boolean installed = catalog.driver(type).isPresent();
            if (installed != holder.form().isGenerated()) {
                Map<String, String> values = holder.form().values();
                boolean typing = isInside(shell.getDisplay().getFocusControl(), holder.form());
                shownType = null;
                showForm(type, values);
                if (typing) {
                    holder.form().setFocus(); // not Cancel, where SWT puts it when the focused field goes
                }
            }
        });
    }

    private static boolean isInside(Control control, Composite composite) {
        for (Control c = control; c != null; c = c.getParent()) {
            if (c == composite) {
                return true;
            }
        }
        return false;
    }

    private void validate() {
        if (holder == null || holder.form() == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        EditorFields.requireText(id, "Id", problems);
        EditorFields.requireText(name, "Name", problems);
        holder.form().problems().forEach(problem -> problems.add(problem.message()));
        String fine = holder.form().isGenerated()
                ? "How the " + catalog.driver(shownType).map(DriverInfo::name).orElse(shownType) + " driver reaches the device."
                : "The driver of '" + shownType + "' is not installed here: values are not checked.";
        EditorFields.report(this, getButton(IDialogConstants.OK_ID), problems, fine);
    }

    @Override
    protected void okPressed() {
        result = new ComponentDraft(id.getText().trim(), name.getText().trim(), shownType, holder.form().values());
        super.okPressed();
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    /** The component as edited, after OK; {@code null} before or after Cancel. */
    public ComponentDraft result() {
        return result;
    }
}
