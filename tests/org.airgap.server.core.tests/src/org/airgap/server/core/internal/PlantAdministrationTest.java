package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.job;
import static org.airgap.server.core.internal.ServerFixtures.plant;
import static org.airgap.server.core.internal.ServerFixtures.results;
import static org.airgap.server.core.internal.ServerFixtures.run;
import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.airgap.server.core.internal.ServerFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.ImportSummary;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantDeletion;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.Plant;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Folders, components and jobs changed on the running server, on a real H2 file (issue 13, the plant). */
class PlantAdministrationTest {

    private static final UserInfo ADMIN = new UserInfo("admin", Role.ADMIN);
    private static final UserInfo TECH1 = new UserInfo("tech1", Role.TECHNICIAN);

    @TempDir
    Path dir;

    private H2ServerRepository repository;
    private Plant plant;
    private final ServerFixtures.MovableClock clock = new ServerFixtures.MovableClock(Instant.parse("2026-03-02T10:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        repository = H2ServerRepository.open(settings(dir.resolve("data")), clock);
        repository.addUser("admin", Role.ADMIN, "pw".toCharArray());
        repository.addUser("tech1", Role.TECHNICIAN, "pw".toCharArray());
        repository.addUser("tech2", Role.TECHNICIAN, "pw".toCharArray());
        repository.importDefinitions(plant());
        plant = repository.plant();
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    @Test
    void foldersAreCreatedRenamedMovedAndDeletedWhenEmpty() throws Exception {
        assertEquals(new Folder("cell-3", "Cell 3", "plant"), plant.createFolder("admin", new Folder("cell-3", "Cell 3",
                "plant")));
        refused(Kind.CONFLICT, "folder 'cell-3' exists already", () -> plant.createFolder("admin",
                new Folder("cell-3", "Other", null)));
        refused(Kind.BAD_REQUEST, "folder 'x' is in folder 'nowhere', which is not defined",
                () -> plant.createFolder("admin", new Folder("x", "X", "nowhere")));

        plant.changeFolder("admin", new Folder("cell-3", "Cell three", "plant"));
        refused(Kind.BAD_REQUEST, "folder 'cell-3' is in folder plant: a change keeps it there, move it to change its"
                + " place", () -> plant.changeFolder("admin", new Folder("cell-3", "Cell three", null)));
        assertEquals(Optional.of(new Folder("cell-3", "Cell three", "cell-1")), Optional.of(plant.moveFolder("admin",
                "cell-3", "cell-1")));
        assertEquals(new Folder("cell-3", "Cell three", null), plant.moveFolder("admin", "cell-3", null));

        refused(Kind.BAD_REQUEST, "folder 'plant' cannot move into folder 'cell-1': that is the folder itself or"
                + " inside it", () -> plant.moveFolder("admin", "plant", "cell-1"));
        refused(Kind.BAD_REQUEST, "folder 'plant' cannot move into folder 'plant': that is the folder itself or"
                + " inside it", () -> plant.moveFolder("admin", "plant", "plant"));
        refused(Kind.BAD_REQUEST, "folder 'plant' cannot move into folder 'gone', which is not defined",
                () -> plant.moveFolder("admin", "plant", "gone"));
        refused(Kind.NOT_FOUND, "no folder 'gone' on the server (airgap admin folders list shows them)",
                () -> plant.moveFolder("admin", "gone", null));

        refused(Kind.CONFLICT, "folder 'plant' is not empty: it holds folder cell-1, folder cell-2; move or delete"
                + " them first (an archived component goes only with --purge)", () -> plant.deleteFolder("admin", "plant"));
        refused(Kind.CONFLICT, "folder 'cell-1' is not empty: it holds component plc-1; move or delete them first"
                + " (an archived component goes only with --purge)", () -> plant.deleteFolder("admin", "cell-1"));
        assertEquals(PlantDeletion.DELETED, plant.deleteFolder("admin", "cell-3").outcome());
        assertEquals(Optional.empty(), plant.folder("cell-3"));

        assertEquals(List.of("FOLDER_CREATE folder cell-3", "FOLDER_RENAME folder cell-3", "FOLDER_MOVE folder cell-3",
                "FOLDER_MOVE folder cell-3", "FOLDER_DELETE folder cell-3"), audit());
    }

    @Test
    void componentsChangeAndMoveWithinTheRules() throws Exception {
        Component plc = new Component("plc-9", "PLC 9", "cell-1", "modbus-tcp", Map.of("host", "10.0.0.9"));
        plant.createComponent("admin", plc);
        refused(Kind.CONFLICT, "component 'plc-9' exists already", () -> plant.createComponent("admin", plc));
        refused(Kind.BAD_REQUEST, "component 'c' is in folder 'nowhere', which is not defined",
                () -> plant.createComponent("admin", new Component("c", "C", "nowhere", "s7", Map.of())));

        Component changed = new Component("plc-9", "PLC 9 (S7)", "cell-1", "s7", Map.of("host", "10.0.0.9",
                "password", "secret"));
        assertEquals(changed, plant.changeComponent("admin", changed));
        refused(Kind.BAD_REQUEST, "component 'plc-9' is in folder cell-1: a change keeps it there, move it to change"
                + " its folder", () -> plant.changeComponent("admin", new Component("plc-9", "x", "cell-2", "s7", Map.of())));
        assertEquals("cell-2", plant.moveComponent("admin", "plc-9", "cell-2").folderId());
        refused(Kind.BAD_REQUEST, "component 'plc-9' is in folder 'nowhere', which is not defined",
                () -> plant.moveComponent("admin", "plc-9", "nowhere"));
        refused(Kind.NOT_FOUND, "no component 'nope' on the server (airgap admin components list shows them)",
                () -> plant.moveComponent("admin", "nope", "cell-1"));

        String details = repository.read(connection -> Jdbc.first(connection, "SELECT subject || ': ' || details FROM server_audit"
                + " WHERE kind = 'COMPONENT_CHANGE'", row -> row.getString(1))).orElseThrow();
        assertFalse(details.contains("secret"), "a connection's values stay out of the audit trail: " + details);

        assertEquals(PlantDeletion.DELETED, plant.deleteComponent("admin", "plc-9").outcome());
        assertEquals(Optional.empty(), plant.component("plc-9"));
    }

    @Test
    void aComponentWithVersionsIsArchivedRestoredAndPurgedOnlyWhenArchived() throws Exception {
        String snapshot = snapshot(repository.store(), "program 1");
        repository.commit(run("run-1", "job-plc", snapshot), "tech1", results("run-1"), true, "first");

        PlantDeletion deletion = plant.deleteComponent("admin", "plc-1");
        assertEquals(PlantDeletion.ARCHIVED, deletion.outcome());
        assertTrue(deletion.message().startsWith("component plc-1 archived with its 1 version, 1 run and 1 job"),
                deletion.message());
        assertFalse(repository.definitionsFor(TECH1).jobs().stream().anyMatch(j -> j.id().equals("job-plc")));
        assertFalse(repository.definitionsFor(ADMIN).components().stream().anyMatch(c -> c.id().equals("plc-1")));
        assertEquals(List.of("job-robot"), repository.jobSummaries(ADMIN).stream().map(j -> j.id()).toList());
        assertFalse(repository.mayAccess(TECH1, "job-plc"));
        assertEquals(1, repository.versions("plc-1").size(), "its versions are kept");
        assertEquals(List.of("robot-2"), plant.components(false).stream().map(c -> c.component().id()).toList());
        PlantComponent archived = plant.components(true).get(0);
        assertEquals("plc-1", archived.component().id());
        assertNotNull(archived.archived());
        assertEquals(1, archived.versions());
        assertNotNull(plant.job("job-plc").orElseThrow().archived(), "its job is hidden with it");
        refused(Kind.CONFLICT, "component 'plc-1' is archived already: restore it, or purge it to remove it with its"
                + " versions", () -> plant.deleteComponent("admin", "plc-1"));
        refused(Kind.CONFLICT, "job 'job-plc-2' would back up component 'plc-1', which is archived: restore it first",
                () -> plant.createJob("admin", job("job-plc-2", "plc-1", "Second")));
        refused(Kind.CONFLICT, "job 'job-plc' is not archived: its component plc-1 is; restore the component",
                () -> plant.restoreJob("admin", "job-plc"));

        plant.restoreComponent("admin", "plc-1");
        assertTrue(repository.mayAccess(TECH1, "job-plc"));
        assertNull(plant.component("plc-1").orElseThrow().archived());
        refused(Kind.CONFLICT, "component 'plc-1' is not archived", () -> plant.restoreComponent("admin", "plc-1"));
        refused(Kind.CONFLICT, "component 'plc-1' is not archived: delete it first (which archives it), then purge it",
                () -> plant.purgeComponent("admin", "plc-1"));

        plant.deleteComponent("admin", "plc-1");
        PlantDeletion purge = plant.purgeComponent("admin", "plc-1");
        assertEquals(PlantDeletion.PURGED, purge.outcome());
        assertTrue(purge.message().startsWith("component plc-1 purged with its 1 version, 1 run, 1 job and 1"
                + " assignment"), purge.message());
        assertEquals(Optional.empty(), plant.component("plc-1"));
        assertEquals(List.of(), repository.versions("plc-1"));
        assertEquals(Optional.empty(), repository.committed("run-1"));
        assertEquals(List.of("COMPONENT_ARCHIVE", "COMPONENT_RESTORE", "COMPONENT_ARCHIVE", "COMPONENT_PURGE"),
                audit().stream().map(line -> line.substring(0, line.indexOf(' '))).toList());
    }

    @Test
    void jobsChangeTheirOptionsAndAreArchivedWhenTheyHaveRuns() throws Exception {
        refused(Kind.BAD_REQUEST, "job 'j' backs up component 'nothing', which is not defined",
                () -> plant.createJob("admin", job("j", "nothing", "J")));
        Job second = plant.createJob("admin", job("job-plc-2", "plc-1", "Second"));
        refused(Kind.CONFLICT, "job 'job-plc-2' exists already", () -> plant.createJob("admin", second));
        Job changed = new Job("job-plc-2", "plc-1", "Second backup", Map.of("blocks", "OB"), new JobOptions(3,
                Duration.ofSeconds(30), Duration.ofDays(30), true, List.of(), List.of(), List.of()));
        assertEquals(changed, plant.changeJob("admin", changed));
        assertEquals(changed, repository.job("job-plc-2").orElseThrow());
        refused(Kind.BAD_REQUEST, "job 'job-plc-2' backs up component plc-1 and stays with it: create a new job for"
                + " component robot-2", () -> plant.changeJob("admin", job("job-plc-2", "robot-2", "x")));
        refused(Kind.NOT_FOUND, "no job 'nope' on the server (airgap admin jobs list shows them)",
                () -> plant.changeJob("admin", job("nope", "plc-1", "x")));
        assertEquals(PlantDeletion.DELETED, plant.deleteJob("admin", "job-plc-2").outcome());

        repository.commit(run("run-1", "job-plc", null), "tech1", results("run-1"), false, null);
        PlantJob before = plant.job("job-plc").orElseThrow();
        assertEquals(List.of("tech1"), before.assignedTo());
        assertEquals(1, before.runs());
        assertEquals(PlantDeletion.ARCHIVED, plant.deleteJob("admin", "job-plc").outcome());
        assertTrue(repository.committed("run-1").isPresent(), "its runs stay readable");
        assertFalse(repository.mayAccess(TECH1, "job-plc"));
        assertEquals(List.of(), repository.definitionsFor(TECH1).jobs());
        assertEquals(List.of("job-robot"), plant.jobs(false).stream().map(j -> j.job().id()).toList());
        assertEquals(List.of("job-plc", "job-robot"), plant.jobs(true).stream().map(j -> j.job().id()).toList());
        refused(Kind.CONFLICT, "job 'job-plc' is archived already: restore it, or purge its component to remove its"
                + " runs", () -> plant.deleteJob("admin", "job-plc"));
        plant.restoreJob("admin", "job-plc");
        assertTrue(repository.mayAccess(TECH1, "job-plc"), "restored with its assignment");
    }

    @Test
    void aDryRunPruneReportsWhatWouldGoAndChangesNothing() throws Exception {
        repository.commit(run("run-1", "job-robot", snapshot(repository.store(), "x")), "tech2", results("run-1"), true,
                "v1");
        AdminImport smaller = new AdminImport(List.of(new Folder("plant", "Plant Nord", null),
                new Folder("cell-1", "Cell 1", "plant")), plant().components().subList(0, 1), plant().jobs().subList(0, 1),
                List.of(new Assignment("job-plc", "tech1")));

        ImportSummary preview = plant.importDefinitions("admin", smaller, true, true);
        List<String> expected = List.of("unassign job job-robot from tech2", "archive job job-robot (it has 1 run)",
                "archive component robot-2 (it has 1 version and 1 run)",
                "keep folder cell-2: it still holds robot-2 (archived, or kept by the file)");
        assertEquals(new ImportSummary(0, 0, 5, 1, 2, true, expected), preview);
        assertTrue(repository.mayAccess(new UserInfo("tech2", Role.TECHNICIAN), "job-robot"), "a dry run changes nothing");
        assertEquals(List.of(), audit());

        assertEquals(new ImportSummary(0, 0, 5, 1, 2, false, expected), plant.importDefinitions("admin", smaller, true,
                false));
        assertNotNull(plant.component("robot-2").orElseThrow().archived());
        assertEquals(List.of("IMPORT_PRUNE plant"), audit());

        ImportSummary again = plant.importDefinitions("admin", plant(), false, false);
        assertEquals(List.of("restore component robot-2", "restore job job-robot", "assign job job-robot to tech2"),
                again.changes());
        assertEquals(2, again.updated());
        assertTrue(repository.mayAccess(new UserInfo("tech2", Role.TECHNICIAN), "job-robot"));
    }

    @Test
    void aPruneRemovesWhatNothingRefersTo() throws Exception {
        ImportSummary summary = plant.importDefinitions("admin", new AdminImport(List.of(), List.of(), List.of(),
                List.of()), true, false);
        assertEquals(List.of("unassign job job-plc from tech1", "unassign job job-robot from tech2", "remove job job-plc",
                "remove job job-robot", "remove component plc-1", "remove component robot-2", "remove folder cell-1",
                "remove folder cell-2", "remove folder plant"), summary.changes());
        assertEquals(9, summary.removed());
        assertEquals(List.of(), plant.folders());
    }

    /** The plant's audit entries, oldest first, as "ACTION subject". */
    private List<String> audit() {
        return repository.read(connection -> Jdbc.list(connection, "SELECT kind, subject FROM server_audit WHERE kind"
                + " NOT IN ('LOGIN', 'AUTO_VERSION', 'COMMIT') ORDER BY id", row -> row.getString(1) + " "
                        + row.getString(2)));
    }

    private static void refused(Kind kind, String message, Executable change) {
        ServerException refusal = assertThrows(ServerException.class, change);
        assertEquals(message, refusal.getMessage());
        assertEquals(kind, refusal.kind());
    }
}
