package org.airgap.client.admin.perspective;

import org.airgap.client.WorkbenchIds;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** A labelled text field of an Administration view's filter bar: Enter in it applies the filters. */
public final class FilterField {

    private FilterField() {
    }

    /**
     * Adds the label and the field to {@code bar} (a grid) and returns the field.
     *
     * @param label  the label, with a mnemonic ({@code &User:}) to put the keyboard in the field
     * @param testId the field's {@link WorkbenchIds#TEST_ID}
     * @param hint   the hint text the empty field shows (SWT message) and its tooltip
     */
    public static Text add(Composite bar, String label, String testId, String hint, Runnable onApply) {
        new Label(bar, SWT.NONE).setText(label);
        Text text = new Text(bar, SWT.BORDER | SWT.SEARCH);
        text.setMessage(hint);
        text.setToolTipText(hint);
        text.setData(WorkbenchIds.TEST_ID, testId);
        text.addListener(SWT.DefaultSelection, event -> onApply.run());
        GridData layout = new GridData(SWT.FILL, SWT.FILL, true, false);
        layout.widthHint = 110;
        text.setLayoutData(layout);
        return text;
    }
}
