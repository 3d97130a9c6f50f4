package org.airgap.client.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.airgap.client.forms.internal.FormIds;
import org.airgap.client.forms.internal.FormRules;
import org.airgap.client.forms.internal.KeyValueRows;
import org.airgap.client.forms.internal.ParameterField;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * A form generated from a driver's parameter descriptors (docs/drivers.md, "Parameter forms"): one field per
 * parameter as its type asks, each problem shown next to its field and all of them in a summary, checked at every
 * change by the generic checks and the driver's own {@code validate}. Without an installed driver, the values
 * are plain key/value rows with a note that nothing is checked. Lays itself out in a grid; give it a
 * {@code GridData} in its parent.
 */
public final class ParameterForm extends Composite {

    private final DriverInfo driver;
    private final Map<String, String> connection;
    private final boolean job;
    private final List<ParameterField> fields = new ArrayList<>();
    private final KeyValueRows rows;
    private final Label summary;
    private final Label jobsNote;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private FormRules.Outcome outcome = new FormRules.Outcome(List.of(), List.of());

    /**
     * A component's connection: refuses what is wrong with the values given; what is missing is left to the
     * component's jobs (and said so below the fields).
     *
     * @param driver the installed driver of {@code deviceType}, {@code null} when none is installed
     */
    public static ParameterForm forConnection(Composite parent, String deviceType, DriverInfo driver,
            Map<String, String> connection) {
        return new ParameterForm(parent, deviceType, driver, Map.of(), connection, false);
    }

    /**
     * A job's driver parameters over its component's {@code connection}, checked together as a run checks them;
     * an empty field shows what the component (or the default) gives instead.
     *
     * @param driver the installed driver of {@code deviceType}, {@code null} when none is installed
     */
    public static ParameterForm forJob(Composite parent, String deviceType, DriverInfo driver,
            Map<String, String> connection, Map<String, String> parameters) {
        return new ParameterForm(parent, deviceType, driver, connection, parameters, true);
    }

    private ParameterForm(Composite parent, String deviceType, DriverInfo driver, Map<String, String> connection,
            Map<String, String> values, boolean job) {
        super(parent, SWT.NONE);
        this.driver = driver;
        this.connection = Map.copyOf(connection);
        this.job = job;
        setData(FormIds.TEST_ID, "form");
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(12, 4).applyTo(this);
        if (driver == null) {
            note("The driver of device type '" + deviceType + "' is not installed in this workbench: its parameters "
                    + "are plain key/value rows, and their values are not checked.").setData(FormIds.TEST_ID, "form.note");
            rows = new KeyValueRows(this, values, this::changed);
            GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(rows);
        } else {
            note(driver.title() + (driver.vendor().isEmpty() ? "" : ", by " + driver.vendor()) + ". * required; an "
                    + "empty field means " + (job ? "the component's value or " : "") + "the default.");
            Map<String, String> unknown = new LinkedHashMap<>(values);
            for (ParameterDescriptor descriptor : driver.parameters()) {
                unknown.remove(descriptor.name());
                fields.add(new ParameterField(this, descriptor, values.get(descriptor.name()),
                        job ? connection.get(descriptor.name()) : null, this::changed));
            }
            if (unknown.isEmpty()) {
                rows = null;
            } else {
                note("Not parameters of " + driver.name() + " (remove them):");
                rows = new KeyValueRows(this, unknown, this::changed);
                GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(rows);
            }
        }
        summary = new Label(this, SWT.WRAP);
        summary.setData(FormIds.TEST_ID, "form.summary");
        summary.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(440, SWT.DEFAULT).applyTo(summary);
        jobsNote = note("");
        jobsNote.setData(FormIds.TEST_ID, "form.leftToJobs");
        check();
    }

    private Label note(String text) {
        Label note = new Label(this, SWT.WRAP);
        note.setText(text);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(440, SWT.DEFAULT).applyTo(note);
        return note;
    }

    /** What the user gave, by parameter name: empty fields (the default) are left out. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (ParameterField field : fields) {
            String value = field.value();
            if (value != null) {
                values.put(field.descriptor().name(), value);
            }
        }
        if (rows != null) {
            rows.values().forEach(values::putIfAbsent);
        }
        return values;
    }

    /** The problems that make the values unusable now, each naming its parameter; empty when valid. */
    public List<ParameterProblem> problems() {
        return outcome.blocking();
    }

    /** A component's form: what its jobs must still give (a required parameter left empty here). */
    public List<ParameterProblem> leftToJobs() {
        return outcome.leftToJobs();
    }

    public boolean isValid() {
        return outcome.blocking().isEmpty();
    }

    /** Whether the fields were generated from an installed driver (else they are key/value rows). */
    public boolean isGenerated() {
        return driver != null;
    }

    /** Called on the UI thread after every change of a value, once {@link #problems()} says what it is now. */
    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeChangeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        check();
        listeners.forEach(Runnable::run);
    }

    private void check() {
        Map<String, String> values = values();
        List<ParameterProblem> extra = rows == null ? List.of() : rows.problems();
        if (driver == null) {
            outcome = new FormRules.Outcome(extra, List.of());
        } else {
            FormRules.Outcome checked = job ? FormRules.job(driver, connection, values)
                    : FormRules.connection(driver, values);
            List<ParameterProblem> blocking = new ArrayList<>(checked.blocking());
            blocking.addAll(extra);
            outcome = new FormRules.Outcome(blocking, checked.leftToJobs());
        }
        for (ParameterField field : fields) {
            field.showProblem(outcome.blocking().stream().filter(p -> p.parameter().equals(field.descriptor().name()))
                    .map(ParameterProblem::message).findFirst().orElse(null));
        }
        summary.setText(outcome.blocking().stream().map(problem -> "\u2716 " + problem.message())
                .collect(Collectors.joining("\n")));
        jobsNote.setText(outcome.leftToJobs().isEmpty() ? "" : "Each job of this component must give: "
                + outcome.leftToJobs().stream().map(ParameterProblem::message).collect(Collectors.joining("; ")));
        requestLayout();
    }
}
