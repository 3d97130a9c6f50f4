package org.airgap.client.admin.audit.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.List;

import org.airgap.client.ui.CompareResultStyle;
import org.airgap.protocol.AuditTrailCheck;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * Whether each audit trail's hash chain verifies, in colour and in words: a line for all trails, then one per
 * trail (green "verified", red "BROKEN at entry N" with what is wrong there).
 */
final class TrailChecksPane {

    private static final Color VERIFIED = new Color(CompareResultStyle.GREEN);
    private static final Color BROKEN = new Color(CompareResultStyle.RED);

    private final Composite pane;
    private final Label summary;
    private final Composite trails;

    TrailChecksPane(Composite parent) {
        pane = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(pane);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(pane);
        summary = new Label(pane, SWT.WRAP);
        summary.setFont(JFaceResources.getBannerFont());
        summary.setData(TEST_ID, "audit.verification");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(summary);
        trails = new Composite(pane, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 1).extendedMargins(12, 0, 0, 0).applyTo(trails);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(trails);
        showMessage("The trails have not been verified yet.");
    }

    /** The checks the server made just now. */
    void show(List<AuditTrailCheck> checks) {
        clearTrails();
        boolean intact = checks.stream().allMatch(AuditTrailCheck::intact);
        summary.setText(AuditTexts.summary(checks));
        summary.setForeground(checks.isEmpty() ? null : intact ? VERIFIED : BROKEN);
        for (int i = 0; i < checks.size(); i++) {
            AuditTrailCheck check = checks.get(i);
            Label line = new Label(trails, SWT.WRAP);
            line.setText(AuditTexts.check(check));
            line.setToolTipText(line.getText());
            line.setForeground(check.intact() ? VERIFIED : BROKEN);
            line.setData(TEST_ID, "audit.trail." + i);
            GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(line);
        }
        pane.getParent().layout(true, true);
    }

    /** Instead of checks: why there are none (reading, a refusal). */
    void showMessage(String text) {
        clearTrails();
        summary.setText(text);
        summary.setForeground(null);
        pane.getParent().layout(true, true);
    }

    private void clearTrails() {
        for (Control line : trails.getChildren()) {
            line.dispose();
        }
    }
}
