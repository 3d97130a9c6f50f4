package org.airgap.client.admin.users.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.airgap.client.admin.perspective.ServerCalls;
import org.airgap.client.admin.perspective.AdminButtons;
import org.airgap.client.admin.perspective.AdminColumns;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserAccount;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The jobs of the selected technician: every job the administrator manages, checked when it is assigned to
 * them. Checking (Space on the row) or Assign assigns it, unchecking or Unassign removes it; the check
 * follows the server's answer (a refused change is checked back).
 */
final class AssignmentsPane {

    private final ServerCalls work;
    private final Label title;
    private final CheckboxTableViewer table;
    private final Button assign;
    private final Button unassign;
    /** Job id → the users it is assigned to, as the server last said. */
    private final Map<String, Set<String>> assigned = new HashMap<>();
    private String technician;
    /** Technician → the runs their laptops announced for upload and have not committed, as the server last said. */
    private final Map<String, AdminOverview.PendingUploads> pending = new HashMap<>();

    AssignmentsPane(Composite parent, ServerCalls work) {
        this.work = work;
        Composite pane = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(6, 4).applyTo(pane);
        title = new Label(pane, SWT.WRAP);
        title.setData(TEST_ID, "users.jobs.title");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(title);
        table = CheckboxTableViewer.newCheckList(pane, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(TEST_ID, "users.jobs");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        table.setContentProvider(ArrayContentProvider.getInstance());
        table.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer viewer, Object one, Object two) {
                return ((PlantJob) one).job().id().compareTo(((PlantJob) two).job().id());
            }
        });
        column("Job", 100, job -> job.job().id());
        column("Component", 85, job -> job.job().componentId());
        column("Folder", 60, PlantJob::folderId);
        column("Name", 160, job -> job.job().name());
        table.addCheckStateListener(event -> change((PlantJob) event.getElement(), event.getChecked()));
        table.addSelectionChangedListener(event -> enableButtons());
        Composite buttons = new Composite(pane, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(buttons);
        assign = button(buttons, "A&ssign", "users.assign", "Assign the selected job to the technician", true);
        unassign = button(buttons, "&Unassign", "users.unassign", "Remove the technician from the selected job", false);
        AdminButtons.contextMenu(table.getControl(), assign, unassign);
        show(null);
    }

    private void column(String name, int width, Function<PlantJob, String> text) {
        AdminColumns.add(table, PlantJob.class, name, width, text);
    }

    private Button button(Composite parent, String text, String testId, String tooltip, boolean checked) {
        return AdminButtons.add(parent, text, testId, tooltip, () -> {
            if (table.getStructuredSelection().getFirstElement() instanceof PlantJob job) {
                table.setChecked(job, checked);
                change(job, checked);
            }
        });
    }

    /** The jobs as the server listed them, with the users each is assigned to. */
    void jobs(List<PlantJob> jobs) {
        assigned.clear();
        jobs.forEach(job -> assigned.put(job.job().id(), new HashSet<>(job.assignedTo())));
        table.setInput(jobs);
        showChecks();
    }

    /** The technicians' runs announced for upload and not committed yet (the server's overview). */
    void pending(List<AdminOverview.PendingUploads> uploads) {
        pending.clear();
        uploads.forEach(upload -> pending.put(upload.user(), upload));
        describe();
    }

    /** Shows the jobs of {@code user} when a technician (null or an administrator: nothing to assign). */
    void show(UserAccount user) {
        technician = user != null && user.role() == Role.TECHNICIAN ? user.name() : null;
        table.getTable().setEnabled(technician != null);
        title.setText(user == null ? "Select a technician to see and change the jobs they carry."
                : user.name() + " is an administrator: jobs are assigned to technicians.");
        showChecks();
    }

    /** The title names what the technician carries and what waits for upload from their laptops. */
    private void describe() {
        if (technician != null) {
            long carried = assigned.values().stream().filter(users -> users.contains(technician)).count();
            title.setText("Jobs of " + technician + ": " + UserTexts.carries((int) carried, pending.get(technician))
                    + " (checked: assigned; Space or Assign / Unassign changes it)");
        }
        title.getParent().layout(true, true);
    }

    private void showChecks() {
        if (table.getInput() == null) {
            return;
        }
        for (Object element : (List<?>) table.getInput()) {
            PlantJob job = (PlantJob) element;
            table.setChecked(job, technician != null && assigned.getOrDefault(job.job().id(), Set.of())
                    .contains(technician));
        }
        describe();
        enableButtons();
    }

    private void enableButtons() {
        IStructuredSelection selection = table.getStructuredSelection();
        boolean one = technician != null && selection.getFirstElement() instanceof PlantJob;
        assign.setEnabled(one && !table.getChecked(selection.getFirstElement()));
        unassign.setEnabled(one && table.getChecked(selection.getFirstElement()));
    }

    private void change(PlantJob job, boolean assignIt) {
        String user = technician;
        if (user == null) {
            showChecks();
            return;
        }
        String jobId = job.job().id();
        enableButtons();
        work.run((assignIt ? "Assigning " : "Unassigning ") + jobId + (assignIt ? " to " : " from ") + user,
                (service, session, monitor) -> assignIt ? service.assign(session, jobId, user, monitor)
                        : service.unassign(session, jobId, user, monitor),
                answer -> {
                    Set<String> users = new HashSet<>();
                    answer.stream().map(Assignment::user).forEach(users::add);
                    assigned.put(jobId, users);
                    work.show(jobId + (users.contains(user) ? " is assigned to " : " is not assigned to ") + user
                            + "; it reaches their laptop at the next sync.", false);
                    showChecks();
                }, this::showChecks);
    }
}
