package org.airgap.client.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.client.forms.internal.EditorFields;
import org.airgap.client.forms.internal.FormHolder;
import org.airgap.client.forms.internal.FormIds;
import org.airgap.client.forms.internal.JobOptionsFields;
import org.airgap.model.JobOptions;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Creates or edits a job of a component: id (on create only), name, the driver parameters the job gives over the
 * component's connection as a {@link ParameterForm} (checked together, as a run checks them), and the job's options
 * checked as the server checks them. OK stays disabled while anything is refused. {@code open()}, then
 * {@link #result()} after OK.
 */
public final class JobEditorDialog extends TitleAreaDialog {

    private final DriverCatalog catalog;
    private final String deviceType;
    private final Map<String, String> connection;
    private final JobDraft initial;
    private final boolean create;
    private Text id;
    private Text name;
    private FormHolder holder;
    private JobOptionsFields options;
    private JobDraft result;

    private JobEditorDialog(Shell parent, DriverCatalog catalog, String deviceType, Map<String, String> connection,
            JobDraft initial, boolean create) {
        super(parent);
        this.catalog = catalog;
        this.deviceType = deviceType;
        this.connection = Map.copyOf(connection);
        this.initial = initial;
        this.create = create;
    }

    /**
     * A new job of a component with the documented defaults (docs/formats.md: one attempt, versions created
     * automatically).
     *
     * @param deviceType the component's device type
     * @param connection the component's connection
     */
    public static JobEditorDialog create(Shell parent, DriverCatalog catalog, String deviceType,
            Map<String, String> connection) {
        return new JobEditorDialog(parent, catalog, deviceType, connection,
                new JobDraft("", "", Map.of(), JobOptions.documentDefaults()), true);
    }

    /** An existing job of the component with {@code deviceType} and {@code connection}: its id cannot change. */
    public static JobEditorDialog edit(Shell parent, DriverCatalog catalog, String deviceType,
            Map<String, String> connection, JobDraft job) {
        return new JobEditorDialog(parent, catalog, deviceType, connection, job, false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(create ? "New Job" : "Edit Job");
        shell.setData(FormIds.TEST_ID, "job.editor");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = EditorFields.area((Composite) super.createDialogArea(parent));
        DriverInfo driver = catalog.driver(deviceType).orElse(null);
        setTitle(create ? "New job" : "Job " + initial.id());
        id = EditorFields.text(area, "&Id:", initial.id(), "job.id", this::validate);
        id.setEditable(create);
        name = EditorFields.text(area, "&Name:", initial.name(), "job.name", this::validate);
        section(area, "Driver parameters over the component's connection");
        holder = new FormHolder(area, 300, this::validate);
        holder.show(scrolled -> ParameterForm.forJob(scrolled, deviceType, driver, connection, initial.parameters()));
        section(area, "Options");
        options = new JobOptionsFields(area, initial.options(), this::validate);
        return area;
    }

    private static void section(Composite area, String title) {
        Label label = new Label(area, SWT.NONE);
        label.setText(title);
        label.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().span(2, 1).indent(0, 6).applyTo(label);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        if (options == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        EditorFields.requireText(id, "Id", problems);
        EditorFields.requireText(name, "Name", problems);
        holder.form().problems().forEach(problem -> problems.add(problem.message()));
        if (options.problem() != null) {
            problems.add(options.problem());
        }
        EditorFields.report(this, getButton(IDialogConstants.OK_ID), problems, holder.form().isGenerated()
                ? "Checked with the component's connection, as the " + catalog.driver(deviceType)
                        .map(DriverInfo::name).orElse(deviceType) + " driver checks a run."
                : "The driver of '" + deviceType + "' is not installed here: parameters are not checked.");
    }

    @Override
    protected void okPressed() {
        result = new JobDraft(id.getText().trim(), name.getText().trim(), holder.form().values(), options.options());
        super.okPressed();
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    /** The job as edited, after OK; {@code null} before or after Cancel. */
    public JobDraft result() {
        return result;
    }
}
