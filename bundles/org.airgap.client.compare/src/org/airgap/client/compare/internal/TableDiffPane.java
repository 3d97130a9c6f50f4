package org.airgap.client.compare.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.airgap.compare.TableDiff;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableColumn;

/**
 * The diff of two table files (registers, parameters, tags): one row per value that differs, with the
 * row's key (the address), the column when the table has several, the old and the new value.
 */
final class TableDiffPane {

    /** One value that differs. */
    record Change(TableDiff.Kind kind, String key, String column, String oldValue, String newValue) {
    }

    private final Composite control;
    private final Label title;
    private final Label columnsNote;
    private final TableViewer viewer;
    private final TableColumn keyColumn;
    private final TableColumn valueColumn;

    TableDiffPane(Composite parent) {
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(4, 4).applyTo(control);
        title = new Label(control, SWT.NONE);
        title.setFont(JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        columnsNote = new Label(control, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(columnsNote);
        viewer = new TableViewer(control, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(TEST_ID, "compare.table");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        keyColumn = column("Address", 140, Change::key);
        valueColumn = column("Column", 140, Change::column);
        column("Old", 200, change -> change.oldValue() == null ? "" : change.oldValue());
        column("New", 200, change -> change.newValue() == null ? "" : change.newValue());
        column("Change", 100, change -> switch (change.kind()) {
            case ADDED -> "Added";
            case REMOVED -> "Removed";
            case CHANGED -> "Changed";
        });
        viewer.setContentProvider(ArrayContentProvider.getInstance());
    }

    private TableColumn column(String name, int width, Function<Change, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(name);
        column.getColumn().setWidth(width);
        column.getColumn().setMoveable(true);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Change) element);
            }

            @Override
            public Color getBackground(Object element) {
                return switch (((Change) element).kind()) {
                    case ADDED -> StatusStyle.ADDED_BACKGROUND;
                    case REMOVED -> StatusStyle.REMOVED_BACKGROUND;
                    case CHANGED -> StatusStyle.CHANGED_BACKGROUND;
                };
            }
        });
        return column.getColumn();
    }

    Composite control() {
        return control;
    }

    /** The values that differ, one per row, in key order. */
    static List<Change> changes(TableDiff diff) {
        List<Change> changes = new ArrayList<>();
        for (TableDiff.Row row : diff.rows()) {
            for (TableDiff.Cell cell : row.cells()) {
                changes.add(new Change(row.kind(), row.key(), cell.column(), cell.oldValue(), cell.newValue()));
            }
            if (row.cells().isEmpty()) { // a table of keys only
                changes.add(new Change(row.kind(), row.key(), "", null, null));
            }
        }
        return changes;
    }

    void show(String path, TableDiff diff) {
        List<String> columns = !diff.newColumns().isEmpty() ? diff.newColumns() : diff.oldColumns();
        Set<String> valueColumns = new LinkedHashSet<>(diff.oldColumns().size() > 1
                ? diff.oldColumns().subList(1, diff.oldColumns().size()) : List.of());
        if (diff.newColumns().size() > 1) {
            valueColumns.addAll(diff.newColumns().subList(1, diff.newColumns().size()));
        }
        keyColumn.setText(columns.isEmpty() ? "Key" : columns.get(0));
        // With a single value column its name says nothing per row: give its room to the values.
        valueColumn.setWidth(valueColumns.size() > 1 ? 140 : 0);
        valueColumn.setResizable(valueColumns.size() > 1);
        List<Change> changes = changes(diff);
        title.setText(path + ": " + (changes.isEmpty() ? "no values differ" : changes.size()
                + (changes.size() == 1 ? " value differs" : " values differ")));
        columnsNote.setText(diff.columnsChanged() ? "Columns changed: " + String.join(", ", diff.oldColumns())
                + " \u2192 " + String.join(", ", diff.newColumns()) : "");
        ((org.eclipse.swt.layout.GridData) columnsNote.getLayoutData()).exclude = !diff.columnsChanged();
        columnsNote.setVisible(diff.columnsChanged());
        viewer.setInput(changes);
        control.layout(true, true);
    }
}
