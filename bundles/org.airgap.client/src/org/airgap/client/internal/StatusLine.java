package org.airgap.client.internal;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The status bar at the bottom of the window; later bundles add the session indicator beside it. */
public class StatusLine {

    @PostConstruct
    public void create(Composite parent) {
        Composite line = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 2;
        line.setLayout(layout);
        Label label = new Label(line, SWT.NONE);
        label.setText("Airgap " + ClientVersion.get() + " \u2014 ready");
        label.setData("org.airgap.test.id", "statusline.text");
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }
}
