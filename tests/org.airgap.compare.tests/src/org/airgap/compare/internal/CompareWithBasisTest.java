package org.airgap.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.airgap.compare.CompareEngine;
import org.airgap.model.CompareResult;
import org.airgap.model.IgnoreRule;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CompareEngine#compareWithBasis}: the rule the runner and the server share, on a real store. */
class CompareWithBasisTest {

    private static final String CONFIG = "saved: 2024-06-11 10:00:00\nspeed=120\n";

    private final CompareEngine engine = new StreamingCompareEngine();
    private final List<Exception> failures = new ArrayList<>();
    private ContentStore store;

    @BeforeEach
    void openStore(@TempDir Path folder) throws IOException {
        store = ContentStores.open(folder);
    }

    @Test
    void withoutABasisTheResultIsNotAvailable() throws IOException {
        assertEquals(CompareResult.NOT_AVAILABLE, compare(null, backup(CONFIG)));
        assertEquals(List.of(), failures);
    }

    @Test
    void theBasisIsReadFromTheStoreAndComparedUnderTheJobsIgnoreRules() throws IOException {
        String basis = snapshot(CONFIG);
        Manifest resaved = backup(CONFIG.replace("10:00:00", "11:30:00"));

        assertEquals(CompareResult.EQUAL, compare(basis, backup(CONFIG)));
        assertEquals(CompareResult.DIFFERENT, compare(basis, resaved));
        assertEquals(CompareResult.EQUAL, compare(basis, resaved, IgnoreRule.lines("**/*.txt", "^saved: ")));
        assertEquals(List.of(), failures);
    }

    @Test
    void aBasisThatCannotBeReadIsAnErrorAndTheFailureIsReported() throws IOException {
        assertEquals(CompareResult.ERROR, compare("00".repeat(32), backup(CONFIG)));
        assertEquals(1, failures.size());
        assertInstanceOf(IOException.class, failures.get(0));
    }

    @Test
    void anInvalidRuleIsAnErrorAndTheFailureIsReported() throws IOException {
        String basis = snapshot(CONFIG);
        assertEquals(CompareResult.ERROR,
                compare(basis, backup(CONFIG.replace("120", "130")), IgnoreRule.lines("**/*.txt", "speed=(")));
        assertEquals(1, failures.size());
        assertInstanceOf(IllegalArgumentException.class, failures.get(0));
    }

    private CompareResult compare(String basisId, Manifest backup, IgnoreRule... rules) {
        return engine.compareWithBasis(store, basisId, backup, List.of(rules), failures::add);
    }

    /** A one-file snapshot stored with its blob; its id. */
    private String snapshot(String config) throws IOException {
        return store.putManifest(backup(config)).id();
    }

    /** A one-file backup whose blob is in the store. */
    private Manifest backup(String config) throws IOException {
        TestSnapshot snapshot = new TestSnapshot().file("plc/config.txt", config);
        for (byte[] content : snapshot.blobs.values()) {
            store.putBlob(new ByteArrayInputStream(content));
        }
        return snapshot.manifest();
    }
}
