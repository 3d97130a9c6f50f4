package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL form of the migrations; that PostgreSQL runs them is proven by every repository test in
 * the PostgreSQL run of this bundle (pom.xml).
 */
class PostgresMigrationsTest {

    @Test
    void h2TypesAndFunctionsAreRewrittenAndTheRestIsLeftAsItIs() {
        assertEquals("CREATE TABLE t (a TEXT NOT NULL, b BYTEA, c BYTEA)", PostgresMigrations.statement(
                "CREATE TABLE t (a CHARACTER LARGE OBJECT NOT NULL, b VARBINARY(64), c BINARY(32))"));
        assertEquals("UPDATE runs SET b = run_start + (-COALESCE(skew, 0)) * INTERVAL '1 second' WHERE b IS NULL",
                PostgresMigrations.statement("UPDATE runs SET b = DATEADD(SECOND, -COALESCE(skew, 0), run_start)"
                        + " WHERE b IS NULL"));
        assertEquals("UPDATE runs SET o = REGEXP_SUBSTR(j, 'x(y)', 1, 1, '', 1) WHERE o IS NULL",
                PostgresMigrations.statement("UPDATE runs SET o = REGEXP_SUBSTR(j, 'x(y)', 1, 1, NULL, 1) WHERE o IS NULL"));
        String same = "CREATE INDEX IF NOT EXISTS runs_by_job ON runs(job_id, committed)";
        assertEquals(same, PostgresMigrations.statement(same));
    }

    @Test
    void theGeneratedHashColumnGetsItsImmutableFunctionFirst() {
        Schema.Migration ten = Schema.MIGRATIONS.stream().filter(m -> m.version() == 10).findFirst().orElseThrow();
        List<String> statements = PostgresMigrations.statements(ten);
        assertEquals(PostgresMigrations.SHA256_FUNCTION, statements.get(2), "once, before the first column using it");
        assertEquals(ten.statements().size() + 1, statements.size());
        assertTrue(statements.get(3).endsWith("json_sha256 BYTEA GENERATED ALWAYS AS (airgap_sha256(json)) STORED"),
                statements.get(3));
    }

    @Test
    void everyMigrationHasAPostgresqlFormAndH2OnlySqlWithoutARuleIsRefused() {
        Schema.MIGRATIONS.forEach(PostgresMigrations::statements);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> PostgresMigrations.statements(
                new Schema.Migration(99, "new", List.of("MERGE INTO t KEY (id) VALUES (1)"))));
        assertTrue(refused.getMessage().startsWith("migration 99 (new) has H2-only SQL (MERGE)"), refused.getMessage());
    }
}
