package org.airgap.server.core;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code [Database]} section of server.ini (docs/scale-out.md): the server's metadata in PostgreSQL
 * instead of the embedded H2 database of the data directory. Without the section the server uses H2.
 *
 * @param url          {@code jdbc:postgresql://host[:port]/database}, optionally with driver parameters
 *                     ({@code ?sslmode=verify-full}); never a password (that is in {@code passwordFile})
 * @param user         the database role the server logs in as
 * @param passwordFile the file whose first line is that role's password
 */
public record DatabaseSettings(String url, String user, Path passwordFile) {

    /** What a PostgreSQL URL starts with; no other database is accepted in {@code [Database]}. */
    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";

    public DatabaseSettings {
        String problem = urlProblem(url);
        if (problem != null) {
            throw new IllegalArgumentException("url " + problem);
        }
        if (user == null || user.isEmpty() || user.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("user must be a database role name without spaces");
        }
        if (passwordFile == null) {
            throw new IllegalArgumentException("a password file is needed");
        }
    }

    /**
     * Why {@code url} is not a PostgreSQL URL the server takes, or {@code null}: it must name a host and a
     * database, and must not carry credentials (they would end up in logs and in the file's readers' hands).
     */
    static String urlProblem(String url) {
        if (url == null || !url.startsWith(POSTGRESQL_PREFIX)) {
            return "is not a PostgreSQL JDBC URL such as jdbc:postgresql://db.example:5432/airgap"
                    + " (H2, the default, needs no [Database] section)";
        }
        URI uri;
        try {
            uri = new URI(url.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getMessage();
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
            return "must name the host without a user or password (they go in user and passwordFile)";
        }
        String path = uri.getRawPath();
        if (path == null || path.length() < 2) {
            return "must name the database after the host: jdbc:postgresql://host:5432/airgap";
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery().toLowerCase(java.util.Locale.ROOT);
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("password=") || parameter.startsWith("user=")) {
                return "must not carry the user or password (use user and passwordFile)";
            }
        }
        return null;
    }

    /** The first line of the password file, read when the repository opens the database. */
    public char[] readPassword() throws IOException {
        String text;
        try {
            text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("the database password file " + passwordFile + " does not exist", e);
        }
        char[] password = text.lines().findFirst().orElse("").strip().toCharArray();
        if (password.length == 0) {
            throw new IOException("the database password file " + passwordFile + " is empty: its first line is the"
                    + " password of the database user " + user);
        }
        return password;
    }

    /** The URL without its parameters, for messages (the parameters may name key files). */
    public String displayUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
