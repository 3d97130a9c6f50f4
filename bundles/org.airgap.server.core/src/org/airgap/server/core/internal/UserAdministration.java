package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.airgap.protocol.Role;
import org.airgap.protocol.UserAccount;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * What an administrator changes about users (tables {@code users} and {@code user_scopes}): add with a
 * folder scope, disable and enable, reset a password, change the role, scope an administrator to
 * folders. Each change is one transaction with its entry in the server's audit trail. The whole plant
 * keeps at least one enabled administrator without folder scope: the change that would remove the last
 * one is refused. The scope of an administrator ({@link #adminScope}) is computed from the folder tree.
 */
final class UserAdministration {

    private final Jdbc jdbc;
    private final Users users;

    UserAdministration(Jdbc jdbc, Users users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    List<UserAccount> accounts() {
        return jdbc.read(connection -> {
            Map<String, List<String>> scopes = scopes(connection);
            return Jdbc.list(connection, "SELECT name, role, disabled, created, last_login FROM users ORDER BY name",
                    row -> account(row, scopes));
        });
    }

    Optional<UserAccount> account(String name) {
        return jdbc.read(connection -> find(connection, name));
    }

    UserAccount add(String actor, String name, Role role, char[] password, List<String> folders)
            throws ServerException {
        Passwords.Hash hash = users.checkedHash(name, role, password);
        return jdbc.transaction(connection -> {
            Users.insert(connection, name, role, hash, jdbc.now());
            writeScope(connection, name, role, folders);
            ServerAudit.recordChange(connection, jdbc.now(), actor, "USER_ADD", "user " + name, "added as "
                    + describe(role, folders));
            return find(connection, name).orElseThrow();
        });
    }

    UserAccount setDisabled(String actor, String name, boolean disabled) throws ServerException {
        return jdbc.transaction(connection -> {
            UserAccount before = existing(connection, name);
            if (disabled && name.equals(actor)) {
                throw new ServerException(Kind.BAD_REQUEST, "you cannot disable your own account: ask another"
                        + " administrator");
            }
            if (before.disabled() == disabled) {
                return before;
            }
            Jdbc.update(connection, "UPDATE users SET disabled = ? WHERE name = ?", disabled, name);
            keepAFullAdministrator(connection, before, "disabled");
            ServerAudit.recordChange(connection, jdbc.now(), actor, disabled ? "USER_DISABLE" : "USER_ENABLE",
                    "user " + name, disabled ? "disabled: sessions ended, offline login refused at the next sync"
                            : "enabled again");
            return find(connection, name).orElseThrow();
        });
    }

    UserAccount resetPassword(String actor, String name, char[] password) throws ServerException {
        UserAccount account = account(name).orElseThrow(() -> unknown(name));
        Passwords.Hash hash = users.checkedHash(name, account.role(), password);
        return jdbc.transaction(connection -> {
            existing(connection, name);
            Jdbc.update(connection, "UPDATE users SET salt = ?, iterations = ?, hash = ? WHERE name = ?", hash.salt(),
                    hash.iterations(), hash.hash(), name);
            ServerAudit.recordChange(connection, jdbc.now(), actor, "USER_PASSWORD", "user " + name,
                    "password reset");
            return find(connection, name).orElseThrow();
        });
    }

    UserAccount changeRole(String actor, String name, Role role) throws ServerException {
        if (role == null) {
            throw new ServerException(Kind.BAD_REQUEST, "a role change needs \"role\": TECHNICIAN or ADMIN");
        }
        return jdbc.transaction(connection -> {
            UserAccount before = existing(connection, name);
            if (before.role() == role) {
                return before;
            }
            Jdbc.update(connection, "UPDATE users SET role = ? WHERE name = ?", role.name(), name);
            // A technician administers nothing: a scope would come back unnoticed with a later promotion.
            Jdbc.update(connection, "DELETE FROM user_scopes WHERE user_name = ?", name);
            keepAFullAdministrator(connection, before, "made a technician");
            ServerAudit.recordChange(connection, jdbc.now(), actor, "USER_ROLE", "user " + name, "role "
                    + before.role() + " -> " + role);
            return find(connection, name).orElseThrow();
        });
    }

    UserAccount scope(String actor, String name, List<String> folders) throws ServerException {
        return jdbc.transaction(connection -> {
            UserAccount before = existing(connection, name);
            if (before.role() != Role.ADMIN) {
                throw new ServerException(Kind.BAD_REQUEST, name + " is a technician: only administrators are"
                        + " scoped to folders (technicians see the jobs assigned to them)");
            }
            writeScope(connection, name, before.role(), folders);
            keepAFullAdministrator(connection, before, "scoped to folders");
            ServerAudit.recordChange(connection, jdbc.now(), actor, "USER_SCOPE", "user " + name, "scope "
                    + (before.folders().isEmpty() ? "whole plant" : String.join(", ", before.folders())) + " -> "
                    + describe(Role.ADMIN, folders).substring("administrator of ".length()));
            return find(connection, name).orElseThrow();
        });
    }

    /**
     * What {@code name} administers: everything without folder scope, else the scope's folders and all
     * their descendants. One query for the scope; the folder tree is read only for a scoped administrator.
     */
    AdminScope adminScope(String name) {
        return jdbc.read(connection -> {
            List<String> roots = Jdbc.list(connection, "SELECT folder_id FROM user_scopes WHERE user_name = ?",
                    row -> row.getString(1), name);
            if (roots.isEmpty()) {
                return AdminScope.EVERYTHING;
            }
            Map<String, List<String>> children = new HashMap<>();
            Jdbc.list(connection, "SELECT id, parent_id FROM folders", row -> new String[] { row.getString(1),
                    row.getString(2) }).forEach(folder -> children.computeIfAbsent(folder[1], parent -> new ArrayList<>())
                            .add(folder[0]));
            TreeSet<String> covered = new TreeSet<>();
            List<String> open = new ArrayList<>(roots);
            while (!open.isEmpty()) {
                String folder = open.remove(open.size() - 1);
                if (covered.add(folder)) {
                    open.addAll(children.getOrDefault(folder, List.of()));
                }
            }
            return new AdminScope(covered);
        });
    }

    /** Those of {@code names} who may not log in: disabled or unknown. */
    List<String> refusedLogins(List<String> names) {
        return jdbc.read(connection -> {
            List<String> refused = new ArrayList<>();
            for (String name : names) {
                if (!Jdbc.exists(connection, "SELECT 1 FROM users WHERE name = ? AND NOT disabled", name)) {
                    refused.add(name);
                }
            }
            return refused;
        });
    }

    private void writeScope(Connection connection, String name, Role role, List<String> folders)
            throws SQLException, ServerException {
        List<String> wanted = folders == null ? List.of() : new ArrayList<>(new TreeSet<>(folders));
        if (!wanted.isEmpty() && role != Role.ADMIN) {
            throw new ServerException(Kind.BAD_REQUEST, "only administrators are scoped to folders; " + name
                    + " would be a technician");
        }
        for (String folder : wanted) {
            if (folder == null || !Jdbc.exists(connection, "SELECT 1 FROM folders WHERE id = ?", folder)) {
                throw new ServerException(Kind.BAD_REQUEST, "no folder '" + folder + "' on the server: scope "
                        + name + " to existing folders (airgap admin folders list)");
            }
        }
        Jdbc.update(connection, "DELETE FROM user_scopes WHERE user_name = ?", name);
        for (String folder : wanted) {
            Jdbc.update(connection, "INSERT INTO user_scopes (user_name, folder_id) VALUES (?, ?)", name, folder);
        }
    }

    /**
     * Refuses (rolling the transaction back) a change of {@code before}, an enabled administrator of the whole
     * plant, that leaves none.
     */
    private static void keepAFullAdministrator(Connection connection, UserAccount before, String change)
            throws SQLException, ServerException {
        boolean wasFull = before.role() == Role.ADMIN && !before.disabled() && before.folders().isEmpty();
        if (wasFull && !Jdbc.exists(connection, "SELECT 1 FROM users u WHERE u.role = 'ADMIN' AND NOT u.disabled"
                + " AND NOT EXISTS (SELECT 1 FROM user_scopes s WHERE s.user_name = u.name)")) {
            throw new ServerException(Kind.CONFLICT, before.name() + " is the last enabled administrator of the whole plant"
                    + " and cannot be " + change + ": make another user an administrator of the whole plant first");
        }
    }

    private static UserAccount existing(Connection connection, String name) throws SQLException, ServerException {
        return find(connection, name).orElseThrow(() -> unknown(name));
    }

    static ServerException unknown(String name) {
        return new ServerException(Kind.NOT_FOUND, "no user '" + name + "' on the server (airgap admin users list)");
    }

    private static Optional<UserAccount> find(Connection connection, String name) throws SQLException {
        Map<String, List<String>> scopes = new HashMap<>();
        scopes.put(name, Jdbc.list(connection, "SELECT folder_id FROM user_scopes WHERE user_name = ? ORDER BY folder_id",
                row -> row.getString(1), name));
        return Jdbc.first(connection, "SELECT name, role, disabled, created, last_login FROM users WHERE name = ?",
                row -> account(row, scopes), name);
    }

    private static Map<String, List<String>> scopes(Connection connection) throws SQLException {
        Map<String, List<String>> scopes = new HashMap<>();
        Jdbc.list(connection, "SELECT user_name, folder_id FROM user_scopes ORDER BY folder_id",
                row -> new String[] { row.getString(1), row.getString(2) })
                .forEach(scope -> scopes.computeIfAbsent(scope[0], user -> new ArrayList<>()).add(scope[1]));
        return scopes;
    }

    private static UserAccount account(java.sql.ResultSet row, Map<String, List<String>> scopes) throws SQLException {
        String name = row.getString(1);
        return new UserAccount(name, Role.valueOf(row.getString(2)), row.getBoolean(3),
                scopes.getOrDefault(name, List.of()), Jdbc.instant(row, 4),
                row.getObject(5) == null ? null : Jdbc.instant(row, 5));
    }

    private static String describe(Role role, List<String> folders) {
        if (role != Role.ADMIN) {
            return "technician";
        }
        return folders == null || folders.isEmpty() ? "administrator of the whole plant"
                : "administrator of " + String.join(", ", new TreeSet<>(folders));
    }
}
