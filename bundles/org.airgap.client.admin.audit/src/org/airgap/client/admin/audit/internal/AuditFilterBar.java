package org.airgap.client.admin.audit.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import org.airgap.client.admin.AuditTrailFilter;
import org.airgap.client.admin.AuditTrailFilter.Source;
import org.airgap.client.admin.perspective.AdminButtons;
import org.airgap.client.admin.perspective.FilterField;
import org.airgap.client.admin.perspective.FilterTime;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The audit view's filters: whose trails, user, subject, action, a time range and the page size; Enter in any
 * field or Apply asks for the first page. Each label's mnemonic (Alt+letter) puts the keyboard in its field.
 */
final class AuditFilterBar {

    static final int[] PAGE_SIZES = { 50, 100, 250, 1000 };
    static final String[] SOURCES = { "All trails", "Server", "Laptops" };

    private final Combo source;
    private final Text user;
    private final Text subject;
    private final Text action;
    private final Text from;
    private final Text to;
    private final Combo pageSize;
    private final Button apply;

    AuditFilterBar(Composite parent, Runnable onApply) {
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(9).spacing(6, 4).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        new Label(bar, SWT.NONE).setText("Trai&l:");
        source = combo(bar, SOURCES, 0, "audit.filter.source", onApply);
        user = FilterField.add(bar, "&User:", "audit.filter.user", "User name, exactly", onApply);
        subject = FilterField.add(bar, "&Subject:", "audit.filter.subject", "Text the subject contains, e.g. folder", onApply);
        action = FilterField.add(bar, "Act&ion:", "audit.filter.action", "LOGIN, COMMIT, FOLDER_CREATE, \u2026", onApply);
        apply = AdminButtons.add(bar, "Appl&y", "audit.apply",
                "List the entries that match and verify every trail again (Enter in a field does the same)", onApply);
        new Label(bar, SWT.NONE).setText("Per &page:");
        String[] sizes = new String[PAGE_SIZES.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Integer.toString(PAGE_SIZES[i]);
        }
        pageSize = combo(bar, sizes, 1, "audit.filter.pageSize", onApply);
        from = FilterField.add(bar, "Fro&m:", "audit.filter.from", "2026-12-01 or 2026-12-01 14:30 (included)", onApply);
        to = FilterField.add(bar, "&To:", "audit.filter.to", "2026-12-02 or 2026-12-01 18:00 (not included)", onApply);
    }

    private static Combo combo(Composite bar, String[] items, int selected, String testId, Runnable onApply) {
        Combo combo = new Combo(bar, SWT.READ_ONLY);
        combo.setItems(items);
        combo.select(selected);
        combo.setData(TEST_ID, testId);
        combo.addListener(SWT.Selection, event -> onApply.run());
        return combo;
    }

    /**
     * The filter of the fields' values, first page.
     *
     * @throws IllegalArgumentException naming the field that is not a filter (a time that does not parse, a
     *                                  range that ends before it starts)
     */
    AuditTrailFilter filter() {
        Source chosen = Source.values()[Math.max(0, source.getSelectionIndex())];
        int limit = PAGE_SIZES[Math.max(0, pageSize.getSelectionIndex())];
        return new AuditTrailFilter(chosen, user.getText(), subject.getText(), action.getText(),
                FilterTime.parse("From", from.getText()), FilterTime.parse("To", to.getText()), true, limit, null);
    }

    void setEnabled(boolean enabled) {
        apply.setEnabled(enabled);
    }
}
