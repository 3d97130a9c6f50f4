package org.airgap.client.forms.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.airgap.driver.api.ParameterProblem;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

/**
 * Parameters as plain key/value rows, added and removed by hand: for a device type whose driver is not
 * installed here, and for values a driver does not know. Nothing about the values is checked, except that a
 * key is given once; a value whose key sounds like a credential is typed into a password field.
 */
public final class KeyValueRows extends Composite {

    private record Row(Composite line, Text key, Text value) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Composite lines;
    private final Runnable onChange;

    public KeyValueRows(Composite parent, Map<String, String> values, Runnable onChange) {
        super(parent, SWT.NONE);
        this.onChange = onChange;
        GridLayoutFactory.fillDefaults().applyTo(this);
        lines = new Composite(this, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(lines);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(lines);
        values.forEach(this::addRow);
        Button add = new Button(this, SWT.PUSH);
        add.setText(Mnemonics.assign(parent, "Add parameter"));
        add.setData(FormIds.TEST_ID, "form.rows.add");
        add.addListener(SWT.Selection, event -> {
            addRow("", "").key().setFocus();
            onChange.run();
        });
    }

    private Row addRow(String name, String text) {
        Composite line = new Composite(lines, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(line);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(line);
        Text key = new Text(line, SWT.BORDER | SWT.SINGLE);
        key.setMessage("name");
        key.setText(name);
        key.setData(FormIds.TEST_ID, "form.rows.key");
        GridDataFactory.fillDefaults().hint(140, SWT.DEFAULT).applyTo(key);
        Text value = new Text(line, SWT.BORDER | SWT.SINGLE | (credential(name) ? SWT.PASSWORD : 0));
        value.setMessage("value");
        value.setText(text);
        value.setData(FormIds.TEST_ID, "form.rows.value");
        GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(value);
        Button remove = new Button(line, SWT.PUSH);
        remove.setText("Remove");
        remove.setToolTipText("Remove this parameter");
        remove.setData(FormIds.TEST_ID, "form.rows.remove");
        Row row = new Row(line, key, value);
        rows.add(row);
        key.addListener(SWT.Modify, event -> onChange.run());
        value.addListener(SWT.Modify, event -> onChange.run());
        remove.addListener(SWT.Selection, event -> {
            rows.remove(row);
            line.dispose();
            requestLayout();
            onChange.run();
        });
        requestLayout();
        return row;
    }

    /** Keys that usually hold a password or key: typed unseen, as a driver would declare them secret. */
    static boolean credential(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("passphrase") || lower.contains("secret")
                || lower.contains("token");
    }

    /** The rows with a key, trimmed, in their order. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Row row : rows) {
            String key = row.key().getText().trim();
            if (!key.isEmpty() && !values.containsKey(key)) {
                values.put(key, row.value().getText());
            }
        }
        return values;
    }

    /** A key given twice, or a value without a key. */
    public List<ParameterProblem> problems() {
        List<ParameterProblem> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Row row : rows) {
            String key = row.key().getText().trim();
            if (key.isEmpty() && !row.value().getText().isEmpty()) {
                problems.add(new ParameterProblem("", "A value has no name: name it or remove its row."));
            } else if (!key.isEmpty() && seen.contains(key)) {
                problems.add(new ParameterProblem(key, key + ": given twice; remove one row."));
            }
            seen.add(key);
        }
        return problems;
    }

    public int rowCount() {
        return rows.size();
    }
}
