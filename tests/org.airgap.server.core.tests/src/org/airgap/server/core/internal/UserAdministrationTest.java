package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.plant;
import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.airgap.model.Folder;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserAccount;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, folder scopes and assignments changed by an administrator, on a real H2 file. */
class UserAdministrationTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    Path dir;

    private H2ServerRepository repository;
    private final ServerFixtures.MovableClock clock = new ServerFixtures.MovableClock(Instant.parse("2026-03-02T10:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        repository = H2ServerRepository.open(settings(dir.resolve("data")), clock);
        repository.addUser("admin", Role.ADMIN, PASSWORD);
        repository.addUser("tech1", Role.TECHNICIAN, PASSWORD);
        repository.addUser("tech2", Role.TECHNICIAN, PASSWORD);
        repository.importDefinitions(plant());
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    @Test
    void aDisabledUserCannotLogInLikeAWrongPasswordAndEnablingLetsThemBack() throws Exception {
        UserAccount disabled = repository.setDisabled("admin", "tech1", true);
        assertTrue(disabled.disabled());
        assertEquals(Optional.empty(), repository.checkPassword("tech1", PASSWORD));
        assertEquals(List.of("tech1", "nobody"), repository.refusedLogins(List.of("tech1", "tech2", "nobody")));

        assertFalse(repository.setDisabled("admin", "tech1", false).disabled());
        assertEquals(Optional.of(new UserInfo("tech1", Role.TECHNICIAN)), repository.checkPassword("tech1", PASSWORD));
        assertEquals(List.of(), repository.refusedLogins(List.of("tech1")));
        assertEquals(List.of("USER_DISABLE|admin|user tech1: disabled: sessions ended, offline login refused at the next sync",
                "USER_ENABLE|admin|user tech1: enabled again"), changes());
    }

    @Test
    void aLoginIsRecordedAsTheLastLogin() throws Exception {
        assertNull(repository.account("tech1").orElseThrow().lastLogin());
        repository.checkPassword("tech1", PASSWORD);
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), repository.account("tech1").orElseThrow().lastLogin());
    }

    @Test
    void theLastAdministratorOfTheWholePlantStays() throws Exception {
        ServerException self = assertThrows(ServerException.class, () -> repository.setDisabled("admin", "admin", true));
        assertEquals(Kind.BAD_REQUEST, self.kind());
        ServerException last = assertThrows(ServerException.class,
                () -> repository.changeRole("someone", "admin", Role.TECHNICIAN));
        assertEquals(Kind.CONFLICT, last.kind());
        assertTrue(last.getMessage().contains("last enabled administrator"), last.getMessage());
        assertEquals(Kind.CONFLICT, assertThrows(ServerException.class,
                () -> repository.scopeUser("someone", "admin", List.of("cell-1"))).kind());
        assertEquals(Kind.CONFLICT, assertThrows(ServerException.class,
                () -> repository.setDisabled("someone", "admin", true)).kind());
        assertEquals(Role.ADMIN, repository.account("admin").orElseThrow().role());
        assertEquals(List.of(), changes(), "a refused change records nothing");
    }

    @Test
    void resetPasswordAndRoleChange() throws Exception {
        char[] fresh = "new battery staple".toCharArray();
        repository.resetPassword("admin", "tech1", fresh);
        assertEquals(Optional.empty(), repository.checkPassword("tech1", PASSWORD));
        assertTrue(repository.checkPassword("tech1", fresh).isPresent());
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class,
                () -> repository.resetPassword("admin", "tech1", new char[0])).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(ServerException.class,
                () -> repository.resetPassword("admin", "nobody", fresh)).kind());

        assertEquals(Role.ADMIN, repository.changeRole("admin", "tech2", Role.ADMIN).role());
        assertEquals(Role.ADMIN, repository.checkPassword("tech2", PASSWORD).orElseThrow().role());
        assertEquals(List.of("USER_PASSWORD|admin|user tech1: password reset",
                "USER_ROLE|admin|user tech2: role TECHNICIAN -> ADMIN"), changes());
    }

    @Test
    void aScopedAdministratorCoversTheirFoldersAndAllDescendants() throws Exception {
        repository.importDefinitions(new AdminImport(List.of(new Folder("line-a", "Line A", "cell-1"),
                new Folder("station-1", "Station 1", "line-a")), List.of(), List.of(), List.of()));
        UserAccount scoped = repository.addUser("admin", "plant-admin", Role.ADMIN, PASSWORD, List.of("cell-1"));
        assertEquals(List.of("cell-1"), scoped.folders());
        AdminScope scope = repository.adminScope("plant-admin");
        assertEquals(Set.of("cell-1", "line-a", "station-1"), scope.folderIds());
        assertFalse(scope.covers("cell-2"));
        assertFalse(scope.covers("plant"));
        assertTrue(repository.adminScope("admin").everything());

        repository.scopeUser("admin", "plant-admin", List.of("cell-2", "line-a"));
        assertEquals(Set.of("cell-2", "line-a", "station-1"), repository.adminScope("plant-admin").folderIds());
        repository.scopeUser("admin", "plant-admin", List.of());
        assertTrue(repository.adminScope("plant-admin").everything());
        assertTrue(changes().contains("USER_ADD|admin|user plant-admin: added as administrator of cell-1"),
                changes().toString());
    }

    @Test
    void scopesNameExistingFoldersAndOnlyAdministrators() throws Exception {
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class,
                () -> repository.addUser("admin", "x", Role.ADMIN, PASSWORD, List.of("no-such-folder"))).kind());
        assertTrue(repository.account("x").isEmpty(), "nothing of a refused user is stored");
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class,
                () -> repository.addUser("admin", "y", Role.TECHNICIAN, PASSWORD, List.of("cell-1"))).kind());
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class,
                () -> repository.scopeUser("admin", "tech1", List.of("cell-1"))).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(ServerException.class,
                () -> repository.scopeUser("admin", "nobody", List.of())).kind());
    }

    @Test
    void aRoleChangeToTechnicianEndsTheScope() throws Exception {
        repository.addUser("admin", "plant-admin", Role.ADMIN, PASSWORD, List.of("cell-1"));
        repository.changeRole("admin", "plant-admin", Role.TECHNICIAN);
        repository.changeRole("admin", "plant-admin", Role.ADMIN);
        assertEquals(List.of(), repository.account("plant-admin").orElseThrow().folders());
    }

    @Test
    void assignAndUnassignAreIdempotentAndAudited() throws Exception {
        assertEquals(List.of(new Assignment("job-plc", "tech1"), new Assignment("job-plc", "tech2")),
                repository.assign("admin", "job-plc", List.of("tech2", "tech1")));
        assertTrue(repository.mayAccess(new UserInfo("tech2", Role.TECHNICIAN), "job-plc"));
        assertEquals(List.of(new Assignment("job-plc", "tech2")),
                repository.unassign("admin", "job-plc", List.of("tech1", "tech1")));
        assertFalse(repository.mayAccess(new UserInfo("tech1", Role.TECHNICIAN), "job-plc"));
        assertEquals(List.of(), repository.definitionsFor(new UserInfo("tech1", Role.TECHNICIAN)).jobs());
        repository.unassign("admin", "job-plc", List.of("tech1"));
        assertEquals(List.of(new Assignment("job-plc", "tech2"), new Assignment("job-robot", "tech2")),
                repository.assignments(null, "tech2"));
        assertEquals(List.of(new Assignment("job-robot", "tech2")), repository.assignments("job-robot", null));
        assertEquals(List.of("ASSIGN|admin|job job-plc: assigned to tech2",
                "UNASSIGN|admin|job job-plc: no longer assigned to tech1"), changes());
    }

    @Test
    void assignmentsRefuseUnknownJobsUsersAndAdministrators() throws Exception {
        assertEquals(Kind.NOT_FOUND, assertThrows(ServerException.class,
                () -> repository.assign("admin", "no-such-job", List.of("tech1"))).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(ServerException.class,
                () -> repository.assign("admin", "job-plc", List.of("tech2", "nobody"))).kind());
        assertEquals(List.of(new Assignment("job-plc", "tech1")), repository.assignments("job-plc", null),
                "a refused change is all or nothing");
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class,
                () -> repository.assign("admin", "job-plc", List.of("admin"))).kind());
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class,
                () -> repository.unassign("admin", "job-plc", List.of())).kind());
    }

    @Test
    void accountsListEveryUserWithTheirState() throws Exception {
        repository.addUser("admin", "plant-admin", Role.ADMIN, PASSWORD, List.of("cell-2"));
        repository.setDisabled("admin", "tech2", true);
        List<UserAccount> accounts = repository.accounts();
        assertEquals(List.of("admin", "plant-admin", "tech1", "tech2"), accounts.stream().map(UserAccount::name).toList());
        assertEquals(List.of("cell-2"), accounts.get(1).folders());
        assertTrue(accounts.get(3).disabled());
        assertNotNull(accounts.get(0).created());
    }

    /** The server audit trail's administrative changes: kind|user|details. */
    private List<String> changes() {
        return repository.read(connection -> Jdbc.list(connection, "SELECT kind, user_name, COALESCE(subject || ': ', '') || details"
                + " FROM server_audit WHERE kind NOT IN ('LOGIN', 'COMMIT') ORDER BY id", row -> row.getString(1) + "|" + row.getString(2) + "|"
                        + row.getString(3)));
    }
}
