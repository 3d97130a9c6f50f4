package org.airgap.client.admin.plant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;
import org.junit.jupiter.api.Test;

/** The Plant view's tree: folders before components by name, jobs under their component, archived ones marked. */
class PlantTreeTest {

    private static PlantComponent component(String id, String name, String folder, Instant archived) {
        return new PlantComponent(new Component(id, name, folder, "modbus-tcp", Map.of()), archived, 0, 0);
    }

    private static PlantJob job(String id, String component, String folder, Instant archived) {
        return new PlantJob(new Job(id, component, "Back up " + component, Map.of(), JobOptions.documentDefaults()),
                folder, archived, 0, List.of());
    }

    @Test
    void foldersComeBeforeComponentsEachByNameWithJobsBelowTheirComponent() {
        // Children listed before their parents, as a server's list may be.
        PlantTree tree = PlantTree.of(List.of(new Folder("cell", "Cell", "hall"), new Folder("hall", "Hall", null),
                new Folder("annex", "annex", "hall"), new Folder("yard", "Yard", null)),
                List.of(component("plc-2", "PLC 2", "hall", null), component("plc-1", "plc 1", "hall", null)),
                List.of(job("job-b", "plc-1", "hall", null), job("job-a", "plc-1", "hall", null)));
        assertEquals(List.of("hall", "yard"), ids(tree.roots()));
        PlantNode hall = tree.roots().get(0);
        assertEquals(List.of("annex", "cell", "plc-1", "plc-2"), ids(hall.children()));
        PlantNode plc = hall.children().get(2);
        assertEquals(List.of("job-a", "job-b"), ids(plc.children()));
        assertEquals("modbus-tcp", plc.children().get(0).deviceType(), "a job shows its component's device type");
        assertEquals("4 folders, 2 components, 2 jobs", tree.summary());
        assertTrue(hall.contains(plc.children().get(0)));
        assertFalse(plc.contains(hall));
        assertEquals(plc, tree.find(PlantNode.Kind.COMPONENT, "plc-1").orElseThrow());
    }

    @Test
    void aFolderOutsideTheListedOnesIsAtTheTopAndArchivedOnesAreMarked() {
        Instant archived = Instant.parse("2026-12-01T10:00:00Z");
        PlantTree tree = PlantTree.of(List.of(new Folder("line", "Line", "not-listed")),
                List.of(component("old", "Old", "line", archived), component("lost", "Lost", "gone", null)),
                List.of(job("job-old", "old", "line", null)));
        assertEquals(List.of("line", "lost"), ids(tree.roots()), "a folder first, then a component without one");
        PlantNode old = tree.roots().get(0).children().get(0);
        assertTrue(old.archived());
        assertTrue(old.children().get(0).archived(), "a job of an archived component is archived with it");
        assertFalse(tree.roots().get(1).archived());
    }

    @Test
    void aLargePlantIsArrangedQuickly() {
        List<Folder> folders = new ArrayList<>();
        List<PlantComponent> components = new ArrayList<>();
        List<PlantJob> jobs = new ArrayList<>();
        for (int f = 0; f < 100; f++) {
            folders.add(new Folder("f" + f, "Folder " + f, f < 10 ? null : "f" + (f % 10)));
        }
        for (int c = 0; c < 10_000; c++) {
            components.add(component("c" + c, "Component " + c, "f" + (c % 100), null));
            jobs.add(job("j" + c, "c" + c, "f" + (c % 100), null));
        }
        long start = System.nanoTime();
        PlantTree tree = PlantTree.of(folders, components, jobs);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("100 folders, 10,000 components, 10,000 jobs", tree.summary());
        assertTrue(millis < 2_000, "arranged in " + millis + " ms");
    }

    private static List<String> ids(List<PlantNode> nodes) {
        return nodes.stream().map(PlantNode::id).toList();
    }
}
