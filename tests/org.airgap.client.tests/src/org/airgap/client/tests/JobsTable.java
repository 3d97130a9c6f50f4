package org.airgap.client.tests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/** The Jobs view's table as the UI tests read it and select in it. */
final class JobsTable {

    private JobsTable() {
    }

    /** The shown rows' cells (reading a virtual table's item makes it). */
    static List<List<String>> rows(WorkbenchHarness workbench, Table jobs) {
        workbench.settle();
        return workbench.ui(() -> {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < jobs.getItemCount(); i++) {
                TableItem item = jobs.getItem(i);
                rows.add(IntStream.range(0, jobs.getColumnCount()).mapToObj(item::getText).toList());
            }
            return rows;
        });
    }

    /** Selects the jobs of these names (first column) as a click and Ctrl+clicks would. */
    static void select(WorkbenchHarness workbench, Table jobs, String... jobNames) {
        List<String> names = rows(workbench, jobs).stream().map(row -> row.get(0)).toList();
        int[] indices = Arrays.stream(jobNames).mapToInt(names::indexOf).toArray();
        workbench.run(() -> {
            jobs.setFocus();
            jobs.setSelection(indices);
            jobs.notifyListeners(SWT.Selection, new Event());
        });
        workbench.settle();
    }
}
