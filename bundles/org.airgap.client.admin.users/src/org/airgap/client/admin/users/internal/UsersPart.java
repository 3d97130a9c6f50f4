package org.airgap.client.admin.users.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.perspective.ServerCalls;
import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.perspective.AdminButtons;
import org.airgap.client.admin.perspective.AdminColumns;
import org.airgap.client.ui.ServiceChange;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.OpenSession;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserAccount;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/**
 * Users (Administration perspective): the server's users with role, scope, state, last login and open
 * sessions; Add User, Disable / Enable, Reset Password and Make Administrator / Technician for the selected
 * one, End All Sessions for everyone but the administrator (after a confirmation); beside it the
 * jobs of the selected technician ({@link AssignmentsPane}). Every call is an Eclipse job
 * ({@link ServerCalls}); the server's refusals (the last administrator, a short password) show in words above.
 * Every action is a button with a mnemonic (Alt+letter), the table and the checks work with the keyboard.
 */
public class UsersPart {

    @Inject
    private UISynchronize sync;

    private AdministrationService administration;
    private SessionService sessions;
    private ServerCalls work;
    private TableViewer table;
    private AssignmentsPane assignments;
    private Button disable;
    private Button password;
    private Button role;
    private List<UserAccount> users = List.of();
    /** Open sessions by user name, as the last refresh read them. */
    private Map<String, Long> openSessions = Map.of();

    @Inject
    void administration(@org.eclipse.e4.core.di.annotations.Optional @Service AdministrationService administration) {
        this.administration = administration;
        ServiceChange.reload(sync, table == null ? null : table.getControl(), this::refresh);
    }

    @Inject
    void sessions(@org.eclipse.e4.core.di.annotations.Optional @Service SessionService sessions) {
        this.sessions = sessions;
        ServiceChange.reload(sync, table == null ? null : table.getControl(), this::refresh);
    }

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 4).applyTo(parent);
        work = new ServerCalls(parent, "users", "manage users", sync, () -> administration, () -> sessions);
        SashForm split = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);

        Composite left = new Composite(split, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(6, 4).applyTo(left);
        table = new TableViewer(left, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(TEST_ID, "users.table");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        table.setContentProvider(ArrayContentProvider.getInstance());
        table.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer viewer, Object one, Object two) {
                return ((UserAccount) one).name().compareTo(((UserAccount) two).name());
            }
        });
        column("Name", 80, UserAccount::name);
        column("Role", 100, user -> UserTexts.role(user.role()));
        column("Scope", 100, UserTexts::scope);
        column("State", 65, UserTexts::state);
        column("Sessions", 72, user -> openSessions.containsKey(user.name())
                ? Long.toString(openSessions.get(user.name())) : "-");
        column("Last login", 140, UserTexts::lastLogin);
        table.addSelectionChangedListener(event -> selected());

        Composite buttons = new Composite(left, SWT.NONE);
        RowLayoutFactory.fillDefaults().wrap(true).spacing(6).applyTo(buttons); // wraps in a narrow stack
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(buttons);
        AdminButtons.add(buttons, "A&dd User\u2026", "users.add", "Add a technician or an administrator", this::add);
        disable = AdminButtons.add(buttons, "Disa&ble", "users.disable",
                "Disable the user (their sessions end at once) or enable them again", this::toggleDisabled);
        password = AdminButtons.add(buttons, "Reset &Password\u2026", "users.password",
                "Set a new password; their sessions end", this::resetPassword);
        role = AdminButtons.add(buttons, "Make Ad&ministrator", "users.role",
                "Change the user's role; their sessions end", this::toggleRole);
        AdminButtons.add(buttons, "End A&ll Sessions\u2026", "users.sessions.end",
                "End every open session but yours at once (a token may have leaked): everyone logs in again",
                this::endAllSessions);
        AdminButtons.add(buttons, "R&efresh", "users.refresh", "Read the users and jobs from the server again",
                this::refresh);

        AdminButtons.contextMenu(table.getControl(), disable, password, role);
        assignments = new AssignmentsPane(split, work);
        split.setWeights(58, 42);
        selected();
        refresh();
    }

    private void column(String title, int width, Function<UserAccount, String> text) {
        AdminColumns.add(table, UserAccount.class, title, width, text);
    }

    /** Reads the users and the jobs with their assignments (Refresh, and when the view opens). */
    public void refresh() {
        refresh(null);
    }

    /** Reads the users, their sessions and the jobs; then shows {@code done}, or what was read. */
    private void refresh(String done) {
        if (table == null || table.getControl().isDisposed()) {
            return;
        }
        work.run("Reading users and jobs from the server", (service, session, monitor) -> {
            List<UserAccount> read = service.users(session, monitor);
            List<PlantJob> jobs = service.jobs(session, monitor);
            List<OpenSession> open = service.openSessions(session, monitor);
            return new Listing(read, jobs, service.overview(session, monitor).pendingUploads(), open);
        }, listing -> {
            assignments.jobs(listing.jobs());
            assignments.pending(listing.pending());
            openSessions = listing.sessions().stream()
                    .collect(Collectors.groupingBy(OpenSession::user, Collectors.counting()));
            showUsers(listing.users());
            work.show(done != null ? done : listing.users().size() + " users, " + listing.jobs().size() + " jobs, "
                    + listing.sessions().size() + (listing.sessions().size() == 1 ? " open session." : " open sessions."),
                    false);
        });
    }

    private record Listing(List<UserAccount> users, List<PlantJob> jobs, List<AdminOverview.PendingUploads> pending,
            List<OpenSession> sessions) {
    }

    private void endAllSessions() {
        if (!MessageDialog.openConfirm(table.getControl().getShell(), "End All Sessions", "End every open session"
                + " on the server but yours? Each user's next request is refused and they log in again; laptops"
                + " keep their queued runs for the next login.")) {
            return;
        }
        work.run("Ending every other session", (service, session, monitor) -> service.endAllSessions(session, monitor),
                ended -> refresh("Ended " + ended.ended() + (ended.ended() == 1 ? " session" : " sessions")
                        + "; yours stays open."));
    }

    private void showUsers(List<UserAccount> read) {
        String before = selection() == null ? null : selection().name();
        users = read;
        table.setInput(users);
        users.stream().filter(user -> user.name().equals(before)).findFirst()
                .ifPresent(user -> table.setSelection(new StructuredSelection(user), true));
        selected();
    }

    /** The server's answer to a change of one user replaces that row. */
    private void replace(UserAccount changed, String done) {
        List<UserAccount> updated = new ArrayList<>(users);
        updated.replaceAll(user -> user.name().equals(changed.name()) ? changed : user);
        if (updated.stream().noneMatch(user -> user.name().equals(changed.name()))) {
            updated.add(changed);
        }
        showUsers(updated);
        table.setSelection(new StructuredSelection(users.stream().filter(user -> user.name().equals(changed.name()))
                .findFirst().orElseThrow()), true);
        selected();
        work.show(done, false);
    }

    private UserAccount selection() {
        return table.getStructuredSelection().getFirstElement() instanceof UserAccount user ? user : null;
    }

    private void selected() {
        UserAccount user = selection();
        disable.setEnabled(user != null);
        password.setEnabled(user != null);
        role.setEnabled(user != null);
        disable.setText(user != null && user.disabled() ? "E&nable" : "Disa&ble");
        role.setText(user != null && user.role() == Role.ADMIN ? "Make &Technician" : "Make Ad&ministrator");
        disable.getParent().getParent().layout(true, true);
        assignments.show(user);
    }

    private void add() {
        AddUserDialog dialog = new AddUserDialog(table.getControl().getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        NewUser user = dialog.user();
        work.run("Adding " + user.name(), (service, session, monitor) -> service.addUser(session, user, monitor),
                added -> replace(added, "Added " + added.name() + " (" + UserTexts.role(added.role()) + ")."));
    }

    private void toggleDisabled() {
        UserAccount user = selection();
        if (user == null) {
            return;
        }
        String name = user.name();
        if (user.disabled()) {
            work.run("Enabling " + name, (service, session, monitor) -> service.enableUser(session, name, monitor),
                    changed -> replace(changed, "Enabled " + name + "."));
        } else {
            work.run("Disabling " + name, (service, session, monitor) -> service.disableUser(session, name, monitor),
                    changed -> replace(changed, "Disabled " + name + ": their sessions ended, logins are refused."));
        }
    }

    private void resetPassword() {
        UserAccount user = selection();
        if (user == null) {
            return;
        }
        PasswordDialog dialog = new PasswordDialog(table.getControl().getShell(), user.name());
        if (dialog.open() != Window.OK) {
            return;
        }
        char[] typed = dialog.password();
        String name = user.name();
        work.run("Setting a new password for " + name, (service, session, monitor) -> {
            try {
                return service.resetPassword(session, name, typed, monitor);
            } finally {
                Arrays.fill(typed, '\0');
            }
        }, changed -> replace(changed, "New password for " + name + ": their sessions ended."));
    }

    private void toggleRole() {
        UserAccount user = selection();
        if (user == null) {
            return;
        }
        String name = user.name();
        Role next = user.role() == Role.ADMIN ? Role.TECHNICIAN : Role.ADMIN;
        work.run("Making " + name + " " + UserTexts.role(next).toLowerCase(java.util.Locale.ROOT),
                (service, session, monitor) -> service.changeRole(session, name, next, monitor),
                changed -> replace(changed, name + " is now " + UserTexts.role(changed.role()).toLowerCase(
                        java.util.Locale.ROOT) + "; their sessions ended."));
    }

    @Focus
    public void focus() {
        table.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        if (work != null) {
            work.dispose();
        }
    }
}
