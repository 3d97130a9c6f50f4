package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.job;
import static org.airgap.server.core.internal.ServerFixtures.plant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.internal.DefinitionChecks.ImportPlan;
import org.airgap.server.core.internal.DefinitionChecks.Stored;
import org.junit.jupiter.api.Test;

/** The definitions' reference and cycle rules, without a database. */
class DefinitionChecksTest {

    private static final Stored EMPTY = new Stored(Map.of(), Set.of(), Set.of(), Set.of("tech1", "tech2"));

    @Test
    void aValidImportIsPlannedWithFoldersParentsFirstAndAssignmentsOnce() throws Exception {
        AdminImport plant = plant();
        AdminImport deepestFirst = new AdminImport(
                List.of(new Folder("cell-1a", "Cell 1a", "cell-1"), new Folder("cell-2", "Cell 2", "plant"),
                        new Folder("cell-1", "Cell 1", "plant"), new Folder("plant", "Plant Nord", null)),
                plant.components(), plant.jobs(),
                List.of(new Assignment("job-plc", "tech1"), new Assignment("job-plc", "tech1")));

        ImportPlan plan = DefinitionChecks.plan(deepestFirst, EMPTY);

        assertEquals(List.of("plant", "cell-2", "cell-1", "cell-1a"), plan.folders().stream().map(Folder::id).toList());
        assertEquals(plant.components(), plan.components());
        assertEquals(plant.jobs(), plan.jobs());
        assertEquals(List.of(new Assignment("job-plc", "tech1")), plan.assignments());
    }

    @Test
    void referencesMayPointAtWhatIsStoredAlready() throws Exception {
        Stored stored = new Stored(Map.of("plant", new Folder("plant", "Plant", null)), Set.of("plc-1"),
                Set.of("job-plc"), Set.of("tech1"));
        AdminImport additions = new AdminImport(List.of(new Folder("cell-9", "Cell 9", "plant")),
                List.of(new Component("hmi-9", "HMI", "plant", "ftp", Map.of())),
                List.of(job("job-second", "plc-1", "Second")), List.of(new Assignment("job-plc", "tech1")));

        ImportPlan plan = DefinitionChecks.plan(additions, stored);

        assertEquals(List.of("cell-9"), plan.folders().stream().map(Folder::id).toList());
        assertEquals(List.of("job-second"), plan.jobs().stream().map(Job::id).toList());
    }

    @Test
    void unknownReferencesAreRefusedNamingTheItem() {
        assertRefused("folder 'cell-3' is in folder 'hall-7', which is not defined",
                new AdminImport(List.of(new Folder("cell-3", "Cell 3", "hall-7")), List.of(), List.of(), List.of()));
        assertRefused("component 'hmi-3' is in folder 'cell-9', which is not defined", new AdminImport(List.of(),
                List.of(new Component("hmi-3", "HMI", "cell-9", "ftp", Map.of())), List.of(), List.of()));
        assertRefused("job 'job-x' backs up component 'nothing', which is not defined",
                new AdminImport(List.of(), List.of(), List.of(job("job-x", "nothing", "X")), List.of()));
        assertRefused("the assignment of job 'job-none' to tech1 names a job that is not defined",
                new AdminImport(List.of(), List.of(), List.of(), List.of(new Assignment("job-none", "tech1"))));
        assertRefused("the assignment of job 'job-x' to tech9 names an unknown user: add it first with"
                + " airgap-server user add tech9 --role technician", new AdminImport(List.of(new Folder("f", "F", null)),
                        List.of(new Component("c", "C", "f", "ftp", Map.of())), List.of(job("job-x", "c", "X")),
                        List.of(new Assignment("job-x", "tech9"))));
        assertRefused("an assignment needs a jobId and a user: Assignment[jobId=job-x, user=null]",
                new AdminImport(List.of(), List.of(), List.of(), List.of(new Assignment("job-x", null))));
    }

    @Test
    void aFolderChainThatReturnsToItselfIsACycle() {
        assertRefused("folder 'a' is inside itself: its parent folders form a cycle through 'a'", new AdminImport(
                List.of(new Folder("a", "A", "b"), new Folder("b", "B", "a")), List.of(), List.of(), List.of()));
        // The cycle may close through a stored folder: moving 'plant' below its own child.
        Stored stored = new Stored(Map.of("plant", new Folder("plant", "Plant", null), "cell-1",
                new Folder("cell-1", "Cell 1", "plant")), Set.of(), Set.of(), Set.of());
        ServerException refused = assertThrows(ServerException.class, () -> DefinitionChecks.plan(new AdminImport(
                List.of(new Folder("plant", "Plant", "cell-1")), List.of(), List.of(), List.of()), stored));
        assertEquals("folder 'plant' is inside itself: its parent folders form a cycle through 'plant'",
                refused.getMessage());
    }

    @Test
    void emptyItemsAndIdsDefinedTwiceAreRefused() {
        assertRefused("the import defines job 'job-plc' twice", new AdminImport(List.of(), List.of(),
                List.of(job("job-plc", "nothing", "One"), job("job-plc", "nothing", "Two")), List.of()));
        ServerException empty = assertThrows(ServerException.class, () -> DefinitionChecks.byId(
                Arrays.asList(new Component("c", "C", "f", "ftp", Map.of()), null), Component::id, "component"));
        assertEquals("the import has an empty component", empty.getMessage());
    }

    private static void assertRefused(String message, AdminImport definitions) {
        ServerException refused = assertThrows(ServerException.class, () -> DefinitionChecks.plan(definitions, EMPTY));
        assertEquals(Kind.BAD_REQUEST, refused.kind());
        assertEquals(message, refused.getMessage());
    }
}
