package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * The users aggregate (table {@code users}): names, roles and PBKDF2 password hashes ({@link Passwords}).
 * A password check costs the same time whether the user exists or not.
 */
final class Users {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final Jdbc jdbc;
    private final int passwordIterations;
    /** Hashed against for unknown users, so that they cost the same time as known ones. */
    private final byte[] unknownUserSalt = Passwords.randomBytes(Passwords.SALT_BYTES);

    Users(Jdbc jdbc, int passwordIterations) {
        this.jdbc = jdbc;
        this.passwordIterations = passwordIterations;
    }

    UserInfo add(String name, Role role, char[] password) throws ServerException {
        Passwords.Hash hash = checkedHash(name, role, password);
        return jdbc.transaction(connection -> insert(connection, name, role, hash, jdbc.now()));
    }

    /** The hash of a new user's password, once name, role and password are checked. */
    Passwords.Hash checkedHash(String name, Role role, char[] password) throws ServerException {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new ServerException(Kind.BAD_REQUEST, "'" + name + "' is not a valid user name: use up to 64"
                    + " letters, digits and . _ @ -, starting with a letter or digit");
        }
        Objects.requireNonNull(role, "role");
        if (password == null || password.length == 0) {
            throw new ServerException(Kind.BAD_REQUEST, "the password of " + name + " is empty");
        }
        return Passwords.hash(password, passwordIterations);
    }

    /** Inserts a new user in {@code connection}'s transaction. */
    static UserInfo insert(Connection connection, String name, Role role, Passwords.Hash hash, java.time.Instant created)
            throws SQLException, ServerException {
        if (find(connection, name).isPresent()) {
            throw new ServerException(Kind.CONFLICT, "the user " + name + " exists already");
        }
        try {
            Jdbc.update(connection, "INSERT INTO users (name, role, salt, iterations, hash, created)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", name, role.name(), hash.salt(), hash.iterations(), hash.hash(),
                    created);
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw new ServerException(Kind.CONFLICT, "the user " + name + " exists already", e);
            }
            throw e;
        }
        return new UserInfo(name, role);
    }

    /**
     * The user when the password is right; empty for a wrong password, an unknown user or a disabled one
     * (the same answer, after the same work). A success is the user's last login.
     */
    Optional<UserInfo> checkPassword(String name, char[] password) {
        if (password == null || password.length == 0) {
            return Optional.empty();
        }
        record Stored(UserInfo user, Passwords.Hash hash, boolean disabled) {
        }
        Optional<Stored> stored = jdbc.read(connection -> Jdbc.first(connection,
                "SELECT role, salt, iterations, hash, disabled FROM users WHERE name = ?",
                row -> new Stored(new UserInfo(name, Role.valueOf(row.getString(1))),
                        new Passwords.Hash(row.getBytes(2), row.getInt(3), row.getBytes(4)), row.getBoolean(5)),
                name));
        if (stored.isEmpty()) {
            // Spend the same work as for a known user: the answer's timing must not tell who exists.
            Passwords.pbkdf2(password, unknownUserSalt, passwordIterations);
            return Optional.empty();
        }
        if (!stored.get().hash().matches(password) || stored.get().disabled()) {
            return Optional.empty();
        }
        if (stored.get().hash().iterations() < passwordIterations) {
            upgrade(name, password);
        }
        recordLogin(name);
        return Optional.of(stored.get().user());
    }

    /**
     * Rehashes a password stored with fewer iterations than server.ini now asks for, so that after
     * passwordIterations is raised old users cost as much to check as unknown ones.
     */
    private void upgrade(String name, char[] password) {
        Passwords.Hash hash = Passwords.hash(password, passwordIterations);
        try {
            jdbc.transaction(connection -> Jdbc.update(connection,
                    "UPDATE users SET salt = ?, iterations = ?, hash = ? WHERE name = ? AND iterations < ?", hash.salt(),
                    hash.iterations(), hash.hash(), name, passwordIterations));
        } catch (ServerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void recordLogin(String name) {
        try {
            jdbc.transaction(connection -> Jdbc.update(connection, "UPDATE users SET last_login = ? WHERE name = ?",
                    jdbc.now(), name));
        } catch (ServerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    Optional<UserInfo> user(String name) {
        return jdbc.read(connection -> find(connection, name));
    }

    List<UserInfo> all() {
        return jdbc.read(connection -> Jdbc.list(connection, "SELECT name, role FROM users ORDER BY name",
                row -> new UserInfo(row.getString(1), Role.valueOf(row.getString(2)))));
    }

    /** The names of all users, inside another aggregate's transaction (an import checks its assignments). */
    static List<String> names(Connection connection) throws SQLException {
        return Jdbc.list(connection, "SELECT name FROM users", row -> row.getString(1));
    }

    static Optional<UserInfo> find(Connection connection, String name) throws SQLException {
        return Jdbc.first(connection, "SELECT role FROM users WHERE name = ?",
                row -> new UserInfo(name, Role.valueOf(row.getString(1))), name);
    }
}
