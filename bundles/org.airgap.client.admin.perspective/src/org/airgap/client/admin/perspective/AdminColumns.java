package org.airgap.client.admin.perspective;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/** The text columns of the Administration views' tables, each cell a text of its row. */
public final class AdminColumns {

    private AdminColumns() {
    }

    /** Adds a column of {@code width} pixels whose cells show {@code text} of their row (null as empty). */
    public static <T> TableViewerColumn add(TableViewer table, Class<T> rows, String title, int width,
            Function<T, String> text) {
        return add(table, rows, title, width, text, row -> null);
    }

    /** As the one above, each cell in its row's {@code foreground} (null: the table's colour). */
    public static <T> TableViewerColumn add(TableViewer table, Class<T> rows, String title, int width,
            Function<T, String> text, Function<T, Color> foreground) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply(rows.cast(element));
                return value == null ? "" : value;
            }

            @Override
            public String getToolTipText(Object element) {
                return getText(element); // where the table has tooltip support, for a cut-off cell
            }

            @Override
            public Color getForeground(Object element) {
                return foreground.apply(rows.cast(element));
            }
        });
        return column;
    }
}
