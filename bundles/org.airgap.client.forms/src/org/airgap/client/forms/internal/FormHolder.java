package org.airgap.client.forms.internal;

import java.util.function.Function;

import org.airgap.client.forms.ParameterForm;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;

/**
 * The place of a dialog's generated form: scrolls when a driver has more parameters than the screen is high,
 * and swaps the form when the device type changes.
 */
public final class FormHolder {

    private final ScrolledComposite scrolled;
    private final Runnable onChange;
    private final int maxHeight;
    private ParameterForm form;

    /** @param maxHeight taller forms scroll: a dialog must fit a laptop's screen */
    public FormHolder(Composite parent, int maxHeight, Runnable onChange) {
        this.onChange = onChange;
        this.maxHeight = maxHeight;
        scrolled = new ScrolledComposite(parent, SWT.V_SCROLL);
        scrolled.setExpandHorizontal(true);
        scrolled.setExpandVertical(true);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(scrolled);
    }

    /** Replaces the form by the one {@code factory} makes in the scrolled area. */
    public ParameterForm show(Function<Composite, ParameterForm> factory) {
        if (form != null) {
            form.dispose();
        }
        form = factory.apply(scrolled);
        scrolled.setContent(form);
        form.addChangeListener(() -> {
            resize();
            onChange.run();
        });
        resize();
        return form;
    }

    public ParameterForm form() {
        return form;
    }

    private void resize() {
        Point size = form.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        scrolled.setMinSize(size);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(size.x + 20, Math.min(size.y, maxHeight))
                .applyTo(scrolled);
        scrolled.requestLayout();
    }
}
