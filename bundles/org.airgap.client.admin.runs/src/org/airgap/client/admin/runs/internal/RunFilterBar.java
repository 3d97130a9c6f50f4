package org.airgap.client.admin.runs.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.time.Instant;

import org.airgap.client.admin.RunFilter;
import org.airgap.client.admin.perspective.AdminButtons;
import org.airgap.client.admin.perspective.FilterField;
import org.airgap.client.admin.perspective.FilterTime;
import org.airgap.model.RunOutcome;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The Runs view's filters: component, job, technician, outcome, a time range and the page size; Enter in any
 * field or Apply asks for the first page. Times are the workbench's time zone: a day ({@code 2026-12-01}) from
 * its start, or a day and time ({@code 2026-12-01 14:30}); From includes its time, To does not.
 */
final class RunFilterBar {

    static final int[] PAGE_SIZES = { 25, 50, 100, 500 };
    private static final String ANY = "Any outcome";

    private final Text component;
    private final Text job;
    private final Text user;
    private final Combo outcome;
    private final Text from;
    private final Text to;
    private final Combo pageSize;
    private final Button apply;

    RunFilterBar(Composite parent, Runnable onApply) {
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(9).spacing(6, 4).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        component = FilterField.add(bar, "Com&ponent:", "runs.filter.component", "Component id, e.g. plc-7", onApply);
        job = FilterField.add(bar, "Jo&b:", "runs.filter.job", "Job id", onApply);
        user = FilterField.add(bar, "Techn&ician:", "runs.filter.user", "User name", onApply);
        new Label(bar, SWT.NONE).setText("O&utcome:");
        outcome = new Combo(bar, SWT.READ_ONLY);
        outcome.add(ANY);
        for (RunOutcome value : new RunOutcome[] { RunOutcome.SUCCEEDED, RunOutcome.FAILED, RunOutcome.CANCELLED }) {
            outcome.add(value.name());
        }
        outcome.select(0);
        outcome.setData(TEST_ID, "runs.filter.outcome");
        outcome.addListener(SWT.Selection, event -> onApply.run());
        apply = AdminButtons.add(bar, "Appl&y", "runs.apply",
                "List the runs that match, newest backup first (Enter in a field does the same)", onApply);
        from = FilterField.add(bar, "Fro&m:", "runs.filter.from", "2026-12-01 or 2026-12-01 14:30 (included)", onApply);
        to = FilterField.add(bar, "&To:", "runs.filter.to", "2026-12-02 or 2026-12-01 18:00 (not included)", onApply);
        new Label(bar, SWT.NONE).setText("Per pa&ge:");
        pageSize = new Combo(bar, SWT.READ_ONLY);
        for (int size : PAGE_SIZES) {
            pageSize.add(Integer.toString(size));
        }
        pageSize.select(1);
        pageSize.setData(TEST_ID, "runs.filter.pageSize");
        pageSize.addListener(SWT.Selection, event -> onApply.run());
    }

    /**
     * The filter of the fields' values, first page.
     *
     * @throws IllegalArgumentException naming the field that is not a filter (a time that does not parse, a
     *                                  range that ends before it starts)
     */
    RunFilter filter() {
        RunOutcome chosen = outcome.getSelectionIndex() <= 0 ? null : RunOutcome.valueOf(outcome.getText());
        int limit = PAGE_SIZES[Math.max(0, pageSize.getSelectionIndex())];
        return new RunFilter(component.getText(), job.getText(), user.getText(), chosen, time("From", from.getText()),
                time("To", to.getText()), limit, null);
    }

    void setEnabled(boolean enabled) {
        apply.setEnabled(enabled);
    }

    /** A day (its start) or a day and time in the workbench's time zone; {@code null} when empty. */
    static Instant time(String field, String text) {
        return FilterTime.parse(field, text);
    }
}
