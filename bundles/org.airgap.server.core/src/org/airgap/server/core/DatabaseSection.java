package org.airgap.server.core;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.airgap.server.core.ServerIni.Setting;

/**
 * The {@code [Database]} section of server.ini (docs/scale-out.md): PostgreSQL for the metadata, or nothing for
 * the embedded H2 database. Read by {@link ServerIni#database(Path)} and checked by {@link ServerIni#load}.
 */
final class DatabaseSection {

    /** The section's keys, in the spelling the file is written with. */
    static final List<String> KEYS = List.of("url", "user", "passwordFile");

    /** The section as {@code airgap-server init} writes it. */
    static final String DEFAULTS = """
            [Database]
            # The metadata (users, plant, runs, versions, audit) is in the embedded H2 database of this
            # directory (db/) unless PostgreSQL is named here (docs/scale-out.md): all three keys, or none.
            # passwordFile holds the user's password on its first line; relative paths are in this directory.
            # url = jdbc:postgresql://db.example:5432/airgap
            # user = airgap
            # passwordFile = /etc/airgap/database.password
            """;

    private DatabaseSection() {
    }

    /** url, user and passwordFile: all three or none. */
    static Optional<DatabaseSettings> read(Path directory, Map<String, Setting> values) throws ServerIniException {
        Setting url = values.get("Database.url");
        Setting user = values.get("Database.user");
        Setting passwordFile = values.get("Database.passwordFile");
        if (url == null && user == null && passwordFile == null) {
            return Optional.empty();
        }
        for (Setting setting : Arrays.asList(url, user, passwordFile)) {
            if (setting == null) {
                Setting given = url != null ? url : user != null ? user : passwordFile;
                throw new ServerIniException(given.where() + ": [Database] needs url, user and passwordFile: name"
                        + " all three, or none for the embedded database");
            }
        }
        String problem = DatabaseSettings.urlProblem(url.value());
        if (problem != null) { // not echoed: a refused URL may hold a password
            throw new ServerIniException(url.where() + ": url " + problem);
        }
        if (user.value().isEmpty() || user.value().chars().anyMatch(Character::isWhitespace)) {
            throw user.refused("is not a database user name");
        }
        return Optional.of(new DatabaseSettings(url.value(), user.value(), ServerIni.path(directory, passwordFile)));
    }
}
