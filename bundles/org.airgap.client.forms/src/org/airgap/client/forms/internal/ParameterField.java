package org.airgap.client.forms.internal;

import java.util.ArrayList;
import java.util.List;

import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterType;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * One parameter of a generated form: its label (a mnemonic, "*" when required), the widget its type asks for,
 * and its problem below it. An empty field means "the default"; a secret is a password field whose value
 * never reaches a label or tooltip. Lays itself out in two columns of the parent's grid.
 */
public final class ParameterField {

    private final ParameterDescriptor descriptor;
    private final String initial;
    private final Control control;
    private final ProblemLine problem;
    private List<String> choiceValues = List.of();
    private boolean touched;
    private boolean startState;

    /**
     * @param initial   the value given so far, {@code null} for none
     * @param inherited what applies when this field stays empty other than the default (a job's field over its
     *                  component's value), {@code null} for nothing
     */
    public ParameterField(Composite parent, ParameterDescriptor descriptor, String initial, String inherited,
            Runnable onChange) {
        this.descriptor = descriptor;
        this.initial = initial;
        String title = descriptor.label() + (descriptor.required() ? " *" : "");
        Label label = new Label(parent, SWT.NONE);
        if (descriptor.type() == ParameterType.BOOLEAN) {
            Button check = new Button(parent, SWT.CHECK);
            check.setText(Mnemonics.assign(parent, title));
            startState = Boolean.parseBoolean(initial == null ? fallback(inherited) : initial);
            check.setSelection(startState);
            check.addListener(SWT.Selection, event -> {
                touched = true;
                onChange.run();
            });
            control = check;
        } else {
            label.setText(Mnemonics.assign(parent, title + ":"));
            label.setToolTipText(descriptor.description());
            control = descriptor.type() == ParameterType.CHOICE ? choice(parent, initial, inherited)
                    : text(parent, initial, inherited);
            control.addListener(descriptor.type() == ParameterType.CHOICE ? SWT.Selection : SWT.Modify,
                    event -> onChange.run());
        }
        control.setToolTipText(descriptor.description());
        control.setData(FormIds.TEST_ID, "form." + descriptor.name());
        GridDataFactory.fillDefaults().grab(true, false).hint(320, descriptor.type() == ParameterType.LIST
                && !descriptor.secret() ? 40 : SWT.DEFAULT).applyTo(control);
        if (control instanceof Text text && (text.getStyle() & SWT.MULTI) != 0) {
            EditorFields.hintBelow(parent, text.getMessage());
        }
        problem = new ProblemLine(parent, control, descriptor.name());
    }


    private Text text(Composite parent, String value, String inherited) {
        boolean list = descriptor.type() == ParameterType.LIST && !descriptor.secret();
        int style = SWT.BORDER | (list ? SWT.MULTI | SWT.V_SCROLL | SWT.WRAP : SWT.SINGLE)
                | (descriptor.secret() ? SWT.PASSWORD : 0);
        Text text = new Text(parent, style);
        text.setText(value == null ? "" : value);
        text.setMessage(hint(inherited));
        return text;
    }

    private Combo choice(Composite parent, String value, String inherited) {
        Combo combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        List<String> values = new ArrayList<>();
        values.add(null);
        values.addAll(descriptor.choices());
        if (value != null && !value.isBlank() && !descriptor.choices().contains(value)) {
            values.add(value); // kept as given: the form shows why it is refused rather than dropping it
        }
        choiceValues = values;
        String empty = hint(inherited);
        combo.setItems(values.stream().map(v -> v == null ? "(" + (empty.isEmpty() ? "none" : empty) + ")" : v)
                .toArray(String[]::new));
        combo.select(Math.max(0, values.indexOf(value == null || value.isBlank() ? null : value)));
        return combo;
    }

    /** What an empty field means: the component's value, the default, and what the type accepts. */
    private String hint(String inherited) {
        List<String> parts = new ArrayList<>();
        if (inherited != null && !inherited.isBlank()) {
            parts.add(descriptor.secret() ? "set by the component" : "component: " + inherited);
        } else if (descriptor.defaultValue() != null && !descriptor.secret()) {
            parts.add("default: " + descriptor.defaultValue());
        }
        switch (descriptor.type()) {
        case INTEGER -> {
            if (descriptor.minimum() != null && descriptor.maximum() != null) {
                parts.add(descriptor.minimum() + " to " + descriptor.maximum());
            }
        }
        case DURATION -> parts.add("e.g. PT5S, or milliseconds");
        case HOST -> parts.add("host name or IP address");
        case PATH -> parts.add("a path, e.g. /var/plc or C:\\plc");
        case LIST -> parts.add("separated by commas or new lines");
        default -> {
            // TEXT, CHOICE, BOOLEAN: the label says enough
        }
        }
        return String.join(" \u00b7 ", parts);
    }

    private String fallback(String inherited) {
        return inherited != null && !inherited.isBlank() ? inherited : descriptor.defaultValue();
    }

    /** What the user set: {@code null} when the field is left to the default (or the component). */
    public String value() {
        if (control instanceof Button check) {
            // Untouched keeps what was given (even a value that is not true or false, to show its problem);
            // an unset box back in its starting state is the default again.
            if (!touched) {
                return initial;
            }
            return initial != null || check.getSelection() != startState ? String.valueOf(check.getSelection())
                    : null;
        }
        if (control instanceof Combo combo) {
            int index = combo.getSelectionIndex();
            return index < 0 ? null : choiceValues.get(index);
        }
        String text = ((Text) control).getText();
        return text.isBlank() ? null : text;
    }

    public void showProblem(String message) {
        problem.show(message);
    }

    public ParameterDescriptor descriptor() {
        return descriptor;
    }

    public Control control() {
        return control;
    }
}
