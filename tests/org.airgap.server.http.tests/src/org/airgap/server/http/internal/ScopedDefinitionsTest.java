package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerRepository.Definitions;
import org.junit.jupiter.api.Test;

/** A folder-scoped administrator's part of the plant, as they sync and list it. */
class ScopedDefinitionsTest {

    private static final JobOptions OPTIONS = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(),
            List.of());

    private static final Definitions PLANT = new Definitions(
            List.of(new Folder("plant", "Plant", null), new Folder("line-a", "Line A", "plant"),
                    new Folder("cell-a1", "Cell A1", "line-a"), new Folder("line-b", "Line B", "plant")),
            List.of(new Component("plc-a", "PLC A", "line-a", "directory", Map.of()),
                    new Component("plc-a1", "PLC A1", "cell-a1", "directory", Map.of()),
                    new Component("plc-b", "PLC B", "line-b", "directory", Map.of())),
            List.of(new Job("job-a1", "plc-a1", "A1", Map.of(), OPTIONS), new Job("job-b", "plc-b", "B", Map.of(),
                    OPTIONS)));

    @Test
    void theirFoldersWithTheFoldersAboveThemTheirComponentsAndTheirJobs() {
        Definitions line = ScopedDefinitions.within(new AdminScope(Set.of("line-a", "cell-a1")), PLANT);
        assertEquals(List.of("cell-a1", "line-a", "plant"), line.folders().stream().map(Folder::id).toList());
        assertEquals(List.of("plc-a", "plc-a1"), line.components().stream().map(Component::id).toList());
        assertEquals(List.of("job-a1"), line.jobs().stream().map(Job::id).toList());
    }

    @Test
    void everythingIsTheWholePlant() {
        assertSame(PLANT, ScopedDefinitions.within(AdminScope.EVERYTHING, PLANT));
    }

    @Test
    void aDamagedTreeWithACycleStillEnds() {
        Definitions cycle = new Definitions(List.of(new Folder("x", "X", "y"), new Folder("y", "Y", "x")), List.of(),
                List.of());
        assertEquals(List.of("x", "y"), ScopedDefinitions.within(new AdminScope(Set.of("x")), cycle).folders().stream()
                .map(Folder::id).toList());
    }
}
