package org.airgap.client.forms.internal;

import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * A field's problem: an error decoration on the field and the message in red on the line below it (in the
 * grid's second column), both gone when the field is fine.
 */
public final class ProblemLine {

    private final ControlDecoration decoration;
    private final Label spacer;
    private final Label message;

    public ProblemLine(Composite parent, Control field, String name) {
        decoration = new ControlDecoration(field, SWT.LEFT | SWT.TOP);
        decoration.setImage(FieldDecorationRegistry.getDefault()
                .getFieldDecoration(FieldDecorationRegistry.DEC_ERROR).getImage());
        decoration.hide();
        spacer = new Label(parent, SWT.NONE);
        spacer.setLayoutData(hidden());
        message = new Label(parent, SWT.WRAP);
        message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        message.setData(FormIds.TEST_ID, "form.problem." + name);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).exclude(true).applyTo(message);
        message.setVisible(false);
    }

    private static GridData hidden() {
        GridData data = new GridData();
        data.exclude = true;
        return data;
    }

    /** Shows the message, or hides the line when {@code null}; relays the parent out when that changes. */
    public void show(String text) {
        boolean visible = text != null;
        String shown = visible ? text : "";
        if (visible == message.getVisible() && shown.equals(message.getText())) {
            return;
        }
        message.setText(shown);
        message.setVisible(visible);
        ((GridData) message.getLayoutData()).exclude = !visible;
        ((GridData) spacer.getLayoutData()).exclude = !visible;
        spacer.setVisible(visible);
        if (visible) {
            decoration.setDescriptionText(text);
            decoration.show();
        } else {
            decoration.hide();
        }
        message.getParent().requestLayout();
    }

    public boolean isShown() {
        return message.getVisible();
    }

    public String text() {
        return message.getText();
    }
}
