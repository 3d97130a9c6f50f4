package org.airgap.client.admin.tests;

import static org.airgap.testing.workbench.WorkbenchHarness.testId;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.airgap.client.admin.AdministrationService;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.session.SessionService;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/** What AdministrationWorkbenchTest does in the Users view: its rows, buttons, dialogs and job checks. */
final class UsersViewSteps {

    static final String PART = "org.airgap.client.admin.users.part";

    private final WorkbenchHarness workbench;

    UsersViewSteps(WorkbenchHarness workbench) {
        this.workbench = workbench;
    }

    /** The user rows: "name | role | scope | state | sessions | last login". */
    List<String> users() {
        return rows("users.table");
    }

    /** The job rows of the selected technician: "[x] job" when checked (assigned), "[ ] job" when not. */
    List<String> jobs() {
        List<Table> tables = workbench.findAll(Table.class, testId("users.jobs"));
        if (tables.isEmpty()) {
            return List.of();
        }
        return workbench.ui(() -> Arrays.stream(tables.get(0).getItems())
                .map(item -> (item.getChecked() ? "[x] " : "[ ] ") + item.getText(0)).toList());
    }

    private List<String> rows(String id) {
        List<Table> tables = workbench.findAll(Table.class, testId(id));
        if (tables.isEmpty()) {
            return List.of();
        }
        return workbench.ui(() -> Arrays.stream(tables.get(0).getItems()).map(item -> {
            StringBuilder row = new StringBuilder();
            for (int column = 0; column < item.getParent().getColumnCount(); column++) {
                row.append(column == 0 ? "" : " | ").append(item.getText(column));
            }
            return row.toString();
        }).toList());
    }

    String status() {
        return text("users.status");
    }

    String text(String id) {
        List<Label> labels = workbench.findAll(Label.class, testId(id));
        return labels.isEmpty() ? "" : workbench.ui(labels.get(0)::getText);
    }

    /** Selects the user row of {@code name} as a click would. */
    void selectUser(String name) {
        select("users.table", name);
    }

    /** Selects the job row of {@code jobId}. */
    void selectJob(String jobId) {
        select("users.jobs", jobId);
    }

    private void select(String id, String first) {
        Table table = workbench.find(Table.class, testId(id));
        workbench.run(() -> {
            TableItem item = Arrays.stream(table.getItems()).filter(row -> row.getText(0).equals(first)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row " + first));
            table.setSelection(item);
            Event event = new Event();
            event.item = item;
            table.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    /** Checks or unchecks the job's row as Space or a click on its box would. */
    void check(String jobId, boolean checked) {
        Table table = workbench.find(Table.class, testId("users.jobs"));
        workbench.run(() -> {
            TableItem item = Arrays.stream(table.getItems()).filter(row -> row.getText(0).equals(jobId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no job " + jobId));
            item.setChecked(checked);
            Event event = new Event();
            event.item = item;
            event.detail = SWT.CHECK;
            table.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    void press(String id) {
        Button button = workbench.find(Button.class, testId(id));
        workbench.run(() -> button.notifyListeners(SWT.Selection, new Event()));
        workbench.settle();
    }

    /** Presses a button that opens a dialog (which blocks the UI thread) and waits for the dialog. */
    Shell pressForDialog(String id, String title) {
        Button button = workbench.find(Button.class, testId(id));
        workbench.display().asyncExec(() -> button.notifyListeners(SWT.Selection, new Event()));
        return workbench.waitForShell(title, Duration.ofSeconds(10));
    }

    void type(Shell dialog, String id, String text) {
        Text field = workbench.find(Text.class, widget -> widget.getShell() == dialog && testId(id).test(widget));
        workbench.run(() -> field.setText(text));
    }

    /** Whether every text field of the dialog is a password field (shows dots, not the password). */
    boolean passwordFields(Shell dialog) {
        List<Text> fields = workbench.findAll(Text.class, text -> text.getShell() == dialog);
        return !fields.isEmpty() && fields.stream().allMatch(text -> workbench.ui(() -> (text.getStyle() & SWT.PASSWORD)
                != 0));
    }

    boolean okEnabled(Shell dialog) {
        Button ok = workbench.find(Button.class, button -> button.getShell() == dialog && button.getText().equals("OK"));
        return workbench.ui(ok::isEnabled);
    }

    String buttonText(String id) {
        Button button = workbench.find(Button.class, testId(id));
        return workbench.ui(button::getText);
    }

    /** The labels of the view's buttons, as written (with their mnemonic marks). */
    List<String> buttons() {
        return workbench.findAll(Button.class, button -> button.getData(org.airgap.client.WorkbenchIds.TEST_ID)
                instanceof String id && id.startsWith("users.")).stream().map(button -> workbench.ui(button::getText))
                .toList();
    }

    /** The jobs the server says are assigned to {@code user}, asked with the workbench's own session. */
    static List<String> assignedOnServer(SessionService sessions, String user) throws Exception {
        return Services.get(AdministrationService.class).assignments(sessions.current().orElseThrow(), user, null)
                .stream().map(Assignment::jobId).sorted().toList();
    }

    /** A session of {@code user} on another laptop, beside the workbench's own. */
    static ServerClient otherLaptop(URI server, String user, String password) throws IOException {
        LoginResponse login = new ServerClient(server, null).postJson(Api.LOGIN, new LoginRequest(user, password),
                LoginResponse.class);
        return new ServerClient(server, login.token());
    }

    /** What the server answers that laptop's next request: null when it is served, else the refusal. */
    static ServerCallException refusal(ServerClient laptop) throws IOException {
        try {
            laptop.getJsonList(Api.JOBS, JobSummary.class);
            return null;
        } catch (ServerCallException e) {
            return e;
        }
    }
}
