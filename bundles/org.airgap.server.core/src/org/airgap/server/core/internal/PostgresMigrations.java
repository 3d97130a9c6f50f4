package org.airgap.server.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL form of the {@link Schema} migrations, which are written for H2. Most statements are
 * standard SQL both accept as they are; what differs is rewritten here, in one place, by rule: H2's type
 * names for large and binary values, date arithmetic, a regular-expression call with H2's "no flags", and
 * the generated hash columns of migration 10 (PostgreSQL computes them with an immutable function this
 * class creates first). A statement that still holds H2-only SQL after the rules is refused with its
 * migration's number, so a new migration gets its PostgreSQL form here before any server can start.
 */
final class PostgresMigrations {

    /** Rewrites of H2 syntax that PostgreSQL does not know; applied in order. */
    private record Rule(Pattern h2, String postgres) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("CHARACTER LARGE OBJECT"), "TEXT"),
            new Rule(Pattern.compile("\\bVARBINARY\\(\\d+\\)"), "BYTEA"),
            new Rule(Pattern.compile("\\bBINARY\\(\\d+\\) GENERATED ALWAYS AS \\(HASH\\('SHA-256', (\\w+)\\)\\)"),
                    "BYTEA GENERATED ALWAYS AS (airgap_sha256($1)) STORED"),
            new Rule(Pattern.compile("\\bBINARY\\(\\d+\\)"), "BYTEA"),
            new Rule(Pattern.compile("DATEADD\\(SECOND, (.+), (\\w+)\\)"), "$2 + ($1) * INTERVAL '1 second'"),
            // H2 takes NULL for "no flags"; PostgreSQL's regexp_substr is strict (NULL in, NULL out).
            new Rule(Pattern.compile("(REGEXP_SUBSTR\\(.*, \\d+, \\d+, )NULL(, \\d+\\))"), "$1''$2"));

    /**
     * SHA-256 of a text's UTF-8 bytes. {@code convert_to} is only "stable" in PostgreSQL's catalogue (it
     * depends on the database encoding, which never changes for a database), and a generated column needs
     * an immutable expression.
     */
    static final String SHA256_FUNCTION = "CREATE OR REPLACE FUNCTION airgap_sha256(value TEXT) RETURNS BYTEA"
            + " LANGUAGE SQL IMMUTABLE STRICT AS 'SELECT sha256(convert_to(value, ''UTF8''))'";

    /** What is H2's alone and must not reach PostgreSQL. */
    private static final Pattern H2_ONLY = Pattern.compile(
            "CHARACTER LARGE OBJECT|\\bCLOB\\b|\\bBLOB\\b|VARBINARY|\\bBINARY\\(|DATEADD|DATEDIFF|\\bHASH\\(|\\bMERGE\\b"
                    + "|REGEXP_SUBSTR\\(.*, NULL, \\d+\\)|\\bIFNULL\\(|\\bNVL\\(");

    private PostgresMigrations() {
    }

    /** The statements of {@code migration} as PostgreSQL runs them. */
    static List<String> statements(Schema.Migration migration) {
        List<String> statements = new ArrayList<>();
        for (String statement : migration.statements()) {
            String postgres = statement(statement);
            if (postgres.contains("airgap_sha256(") && !statements.contains(SHA256_FUNCTION)) {
                statements.add(SHA256_FUNCTION);
            }
            Matcher h2Only = H2_ONLY.matcher(postgres);
            if (h2Only.find()) {
                throw new IllegalStateException("migration " + migration.version() + " (" + migration.description()
                        + ") has H2-only SQL (" + h2Only.group() + ") that PostgresMigrations has no rule for: "
                        + statement);
            }
            statements.add(postgres);
        }
        return statements;
    }

    static String statement(String h2) {
        String statement = h2;
        for (Rule rule : RULES) {
            statement = rule.h2().matcher(statement).replaceAll(rule.postgres());
        }
        return statement;
    }
}
