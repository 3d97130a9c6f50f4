package org.airgap.client.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantDeletion;
import org.airgap.protocol.PlantJob;
import org.airgap.session.ClientSession;
import org.airgap.session.http.ServerCallException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

/**
 * The Plant view's calls of the administration client service against the real server: folders, components and
 * jobs listed, created, renamed, moved, deleted or archived, restored and purged, and the server's refusals (a
 * folder that is not empty, a move into itself, a purge of an active component, a technician) in its words.
 */
class PlantAdministrationServiceTest extends AdminServiceTestBase {

    private static final NullProgressMonitor MONITOR = new NullProgressMonitor();

    @Test
    void thePlantIsListedWithArchivedOnesOnRequest() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        assertTrue(admin.folders(session, MONITOR).stream().map(Folder::id).toList()
                .containsAll(List.of("plant", "line-1", "line-2")));
        PlantComponent press = admin.components(session, false, MONITOR).stream()
                .filter(c -> c.component().id().equals("press")).findFirst().orElseThrow();
        assertEquals("line-1", press.component().folderId());
        assertEquals(2, press.runs());
        PlantJob job = admin.jobs(session, false, MONITOR).stream().filter(j -> j.job().id().equals("job-press"))
                .findFirst().orElseThrow();
        assertEquals("line-1", job.folderId());
        assertNull(job.archived());

        ServerCallException technician = assertThrows(ServerCallException.class,
                () -> admin.folders(logIn(AdminTestServer.TECH), MONITOR));
        assertEquals(403, technician.status());
    }

    @Test
    void foldersAreCreatedRenamedMovedAndDeletedAndTheRefusalsAreInWords() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        Folder hall = admin.createFolder(session, new Folder("hall-s", "Hall S", null), MONITOR);
        assertNull(hall.parentId());
        Folder cell = admin.createFolder(session, new Folder("cell-s", "Cell S", "hall-s"), MONITOR);
        assertEquals("Cell S 1", admin.changeFolder(session, new Folder("cell-s", "Cell S 1", "hall-s"), MONITOR)
                .name());
        assertEquals("plant", admin.moveFolder(session, cell.id(), "plant", MONITOR).parentId());
        assertNull(admin.moveFolder(session, cell.id(), null, MONITOR).parentId(), "to the top level");
        admin.moveFolder(session, cell.id(), "hall-s", MONITOR);

        ServerCallException intoItself = assertThrows(ServerCallException.class,
                () -> admin.moveFolder(session, "hall-s", "cell-s", MONITOR));
        assertTrue(intoItself.getMessage().contains("that is the folder itself or inside it"),
                intoItself.getMessage());
        ServerCallException notEmpty = assertThrows(ServerCallException.class,
                () -> admin.deleteFolder(session, "hall-s", MONITOR));
        assertTrue(notEmpty.getMessage().contains("folder 'hall-s' is not empty: it holds folder cell-s"),
                notEmpty.getMessage());

        PlantDeletion deleted = admin.deleteFolder(session, "cell-s", MONITOR);
        assertEquals(PlantDeletion.DELETED, deleted.outcome());
        assertEquals(PlantDeletion.DELETED, admin.deleteFolder(session, "hall-s", MONITOR).outcome());
        assertTrue(admin.folders(session, MONITOR).stream().noneMatch(f -> f.id().startsWith("hall-s")));
        // An id is one path segment: it cannot reach another folder's endpoint.
        ServerCallException hostile = assertThrows(ServerCallException.class,
                () -> admin.deleteFolder(session, "nothing/../line-1", MONITOR));
        assertEquals(404, hostile.status(), hostile.getMessage());
    }

    @Test
    void aComponentWithHistoryIsArchivedRestoredAndOnlyThenPurged() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        Component drive = admin.createComponent(session,
                new Component("drive-s", "Drive S", "line-2", "modbus-tcp", Map.of("host", "10.0.0.9")), MONITOR);
        assertEquals("modbus-tcp", drive.deviceType());
        Component changed = admin.changeComponent(session,
                new Component("drive-s", "Drive S2", "line-2", "modbus-tcp", Map.of("host", "10.0.0.9", "port", "502")),
                MONITOR);
        assertEquals(Map.of("host", "10.0.0.9", "port", "502"), changed.connection());
        assertEquals("line-1", admin.moveComponent(session, "drive-s", "line-1", MONITOR).folderId());
        ServerCallException nowhere = assertThrows(ServerCallException.class,
                () -> admin.moveComponent(session, "drive-s", "no-such-folder", MONITOR));
        assertTrue(nowhere.status() >= 400 && nowhere.status() < 500, nowhere.getMessage());

        Job job = admin.createJob(session, new Job("job-drive-s", "drive-s", "Back up the drive",
                Map.of("unit", "1"), JobOptions.documentDefaults()), MONITOR);
        assertEquals("Back up the drive 2", admin.changeJob(session, new Job(job.id(), job.componentId(),
                "Back up the drive 2", job.parameters(), job.options()), MONITOR).name());

        ServerCallException active = assertThrows(ServerCallException.class,
                () -> admin.purgeComponent(session, "drive-s", MONITOR));
        assertTrue(active.getMessage().contains("is not archived"), active.getMessage());
        PlantDeletion archived = admin.deleteComponent(session, "drive-s", MONITOR);
        assertEquals(PlantDeletion.ARCHIVED, archived.outcome(), "it has a job");
        assertTrue(archived.message().startsWith("component drive-s archived"), archived.message());
        assertTrue(admin.components(session, false, MONITOR).stream().noneMatch(c -> c.component().id()
                .equals("drive-s")));
        assertNotNull(admin.components(session, true, MONITOR).stream().filter(c -> c.component().id()
                .equals("drive-s")).findFirst().orElseThrow().archived());
        assertEquals("Drive S2", admin.restoreComponent(session, "drive-s", MONITOR).name());
        admin.deleteComponent(session, "drive-s", MONITOR);
        PlantDeletion purged = admin.purgeComponent(session, "drive-s", MONITOR);
        assertEquals(PlantDeletion.PURGED, purged.outcome());
        assertTrue(admin.components(session, true, MONITOR).stream().noneMatch(c -> c.component().id()
                .equals("drive-s")));
        assertTrue(admin.jobs(session, true, MONITOR).stream().noneMatch(j -> j.job().id().equals("job-drive-s")));
    }

    @Test
    void aJobWithoutRunsIsDeletedAndOneWithRunsArchivedAndRestored() throws Exception {
        ClientSession session = logIn(AdminTestServer.ADMIN);
        admin.createJob(session, new Job("job-spare", "spare", "Back up the spare", Map.of(),
                JobOptions.documentDefaults()), MONITOR);
        assertEquals(PlantDeletion.DELETED, admin.deleteJob(session, "job-spare", MONITOR).outcome());

        PlantDeletion archived = admin.deleteJob(session, "job-robot", MONITOR);
        assertEquals(PlantDeletion.ARCHIVED, archived.outcome(), archived.message());
        assertTrue(admin.jobs(session, false, MONITOR).stream().noneMatch(j -> j.job().id().equals("job-robot")));
        assertNotNull(admin.jobs(session, true, MONITOR).stream().filter(j -> j.job().id().equals("job-robot"))
                .findFirst().orElseThrow().archived());
        assertEquals("job-robot", admin.restoreJob(session, "job-robot", MONITOR).id());
        assertTrue(admin.jobs(session, false, MONITOR).stream().anyMatch(j -> j.job().id().equals("job-robot")));
    }
}
