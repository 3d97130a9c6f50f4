package org.airgap.client.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.UserAccount;
import org.airgap.session.ClientSession;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

/**
 * The Users and assignments view's calls of the administration client service against the real server: the
 * users listed, added and changed (password, role, scope), a disabled user's session ended, the last
 * administrator and a technician refused, a hostile name kept to one path segment, and a technician's jobs
 * assigned and unassigned.
 */
class UserAdministrationServiceTest extends AdminServiceTestBase {

    /** A session of {@code user} beside the workbench's own (a technician's laptop elsewhere). */
    private static ServerClient otherLaptop(String user, String password) throws IOException {
        LoginResponse login = new ServerClient(server.uri(), null).postJson(Api.LOGIN, new LoginRequest(user, password),
                LoginResponse.class);
        return new ServerClient(server.uri(), login.token());
    }

    @Test
    void usersAreListedAddedAndChanged() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        NullProgressMonitor monitor = new NullProgressMonitor();
        List<UserAccount> users = admin.users(session, monitor);
        assertEquals(List.of("ada ADMIN enabled", "tom TECHNICIAN enabled"), users.stream() // other tests add users
                .filter(user -> user.name().equals(AdminTestServer.ADMIN) || user.name().equals(AdminTestServer.TECH))
                .map(user -> user.name() + " " + user.role() + (user.disabled() ? " disabled" : " enabled")).sorted()
                .toList());
        assertTrue(users.stream().filter(user -> user.name().equals(AdminTestServer.ADMIN)).findFirst().orElseThrow()
                .lastLogin() != null, "ada logged in");

        UserAccount carl = admin.addUser(session, new NewUser("carl", Role.TECHNICIAN, AdminTestServer.PASSWORD), null);
        assertEquals(Role.TECHNICIAN, carl.role());
        assertNull(carl.lastLogin());
        ServerCallException twice = assertThrows(ServerCallException.class,
                () -> admin.addUser(session, new NewUser("carl", Role.TECHNICIAN, AdminTestServer.PASSWORD), null));
        assertEquals(409, twice.status(), twice.getMessage());
        ServerCallException shortPassword = assertThrows(ServerCallException.class,
                () -> admin.addUser(session, new NewUser("dora", Role.TECHNICIAN, "short"), null));
        assertEquals(400, shortPassword.status(), shortPassword.getMessage());

        admin.resetPassword(session, "carl", "a new and long password".toCharArray(), monitor);
        otherLaptop("carl", "a new and long password"); // the new password logs in
        UserAccount promoted = admin.changeRole(session, "carl", Role.ADMIN, monitor);
        assertEquals(Role.ADMIN, promoted.role());
        UserAccount scoped = admin.changeScope(session, "carl", List.of("line-1"), monitor);
        assertEquals(List.of("line-1"), scoped.folders());
        assertEquals(List.of(), admin.changeScope(session, "carl", List.of(), monitor).folders());
        assertEquals(Role.TECHNICIAN, admin.changeRole(session, "carl", Role.TECHNICIAN, monitor).role());
    }

    @Test
    void disablingEndsTheUsersSessionAndTheLastAdministratorStays() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        admin.addUser(session, new NewUser("erik", Role.TECHNICIAN, AdminTestServer.PASSWORD), null);
        ServerClient erik = otherLaptop("erik", AdminTestServer.PASSWORD);
        erik.getJsonList(Api.JOBS, JobSummary.class);

        UserAccount disabled = admin.disableUser(session, "erik", null);
        assertTrue(disabled.disabled());
        ServerCallException ended = assertThrows(ServerCallException.class,
                () -> erik.getJsonList(Api.JOBS, JobSummary.class));
        assertEquals(401, ended.status());
        assertEquals(SessionEndReason.DISABLED, ended.reason().orElseThrow());
        assertFalse(admin.enableUser(session, "erik", null).disabled());
        otherLaptop("erik", AdminTestServer.PASSWORD);

        ServerCallException last = assertThrows(ServerCallException.class,
                () -> admin.changeRole(session, AdminTestServer.ADMIN, Role.TECHNICIAN, null));
        assertEquals(409, last.status());
        assertTrue(last.getMessage().contains("last enabled administrator"), last.getMessage());
        ServerCallException own = assertThrows(ServerCallException.class,
                () -> admin.disableUser(session, AdminTestServer.ADMIN, null));
        assertTrue(own.getMessage().contains("your own account"), own.getMessage());

        // A name is one path segment: it cannot reach another user's endpoint or add a query.
        ServerCallException hostile = assertThrows(ServerCallException.class,
                () -> admin.disableUser(session, "nobody/../" + AdminTestServer.TECH, null));
        assertEquals(404, hostile.status(), hostile.getMessage());
        assertFalse(admin.users(session, null).stream().filter(user -> user.name().equals(AdminTestServer.TECH))
                .findFirst().orElseThrow().disabled());
        assertThrows(IllegalArgumentException.class, () -> admin.enableUser(session, " ", null));

        ServerCallException technician = assertThrows(ServerCallException.class,
                () -> admin.users(logIn(AdminTestServer.TECH), null));
        assertEquals(403, technician.status());
    }

    @Test
    void aTechniciansJobsAreAssignedAndUnassigned() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        assertEquals(List.of("job-filler", "job-press", "job-robot"), jobsOf(session, AdminTestServer.TECH));
        List<PlantJob> jobs = admin.jobs(session, null);
        assertEquals(List.of(AdminTestServer.TECH), jobs.stream().filter(job -> job.job().id().equals("job-press"))
                .findFirst().orElseThrow().assignedTo());

        admin.addUser(session, new NewUser("fynn", Role.TECHNICIAN, AdminTestServer.PASSWORD), null);
        List<Assignment> afterAssign = admin.assign(session, "job-press", "fynn", null);
        assertEquals(List.of("fynn", "tom"), afterAssign.stream().map(Assignment::user).sorted().toList());
        assertEquals(List.of("job-press"), jobsOf(session, "fynn"));
        List<Assignment> afterUnassign = admin.unassign(session, "job-press", "fynn", null);
        assertEquals(List.of("tom"), afterUnassign.stream().map(Assignment::user).toList());
        assertEquals(List.of(), jobsOf(session, "fynn"));

        ServerCallException unknown = assertThrows(ServerCallException.class,
                () -> admin.assign(session, "no-such-job", "fynn", null));
        assertEquals(404, unknown.status(), unknown.getMessage());
        // A user name in the query is one value: "&job=" cannot add a filter.
        assertEquals(List.of(), admin.assignments(session, "tom&job=job-press", null));
    }

    private static List<String> jobsOf(ClientSession session, String user) throws IOException {
        return admin.assignments(session, user, null).stream().map(Assignment::jobId).sorted().toList();
    }
}
