package org.airgap.client.admin.overview.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.OverviewStatus;
import org.junit.jupiter.api.Test;

/** How the server's overview becomes the view's tree and summary. */
class OverviewTreeTest {

    private static final Instant TIME = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void foldersHoldTheirSubfoldersThenTheirComponentsByName() {
        AdminOverview overview = new AdminOverview(TIME,
                Map.of(OverviewStatus.ERROR, 1, OverviewStatus.EQUAL, 1, OverviewStatus.NO_JOB, 1),
                List.of(new AdminOverview.Folder("plant", "Plant", null, OverviewStatus.ERROR, 3),
                        new AdminOverview.Folder("b", "b line", "plant", OverviewStatus.EQUAL, 1),
                        new AdminOverview.Folder("a", "A line", "plant", OverviewStatus.ERROR, 1),
                        new AdminOverview.Folder("hidden-child", "Cell", "not-mine", OverviewStatus.NO_JOB, 1)),
                List.of(new AdminOverview.Component("z", "Zeta", "plant", OverviewStatus.NO_JOB, 0, null),
                        new AdminOverview.Component("press", "Press", "a", OverviewStatus.ERROR, 2, TIME),
                        new AdminOverview.Component("robot", "Robot", "b", OverviewStatus.EQUAL, 1, TIME),
                        new AdminOverview.Component("alpha", "Alpha", "plant", OverviewStatus.NO_JOB, 0, null)),
                List.of(), List.of(), List.of(), List.of());
        OverviewTree tree = OverviewTree.of(overview);

        assertEquals(List.of("Cell", "Plant"), names(tree.roots()), "a folder whose parent is not shown is a root");
        OverviewNode plant = tree.roots().get(1);
        assertEquals(List.of("A line", "b line", "Alpha", "Zeta"), names(plant.children()),
                "subfolders first, then components, each by name ignoring case");
        OverviewNode press = plant.children().get(0).children().get(0);
        assertEquals(OverviewNode.Kind.COMPONENT, press.kind());
        assertEquals(OverviewStatus.ERROR, press.status());
        assertEquals(2, press.count());
        assertEquals(TIME, press.latestBackup());
        assertSame(plant, press.parent().parent());
        assertNull(plant.parent());
        assertEquals("3 components \u2014 1 Error, 1 Equal, 1 No job configured", tree.summary());
    }

    @Test
    void anEmptyPlantSaysSo() {
        OverviewTree tree = OverviewTree.of(new AdminOverview(TIME, Map.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of()));
        assertEquals(List.of(), tree.roots());
        assertEquals("No components", tree.summary());
        assertEquals(0, tree.failedJobs() + tree.neverRunJobs() + tree.staleJobs());
    }

    private static List<String> names(List<OverviewNode> nodes) {
        return nodes.stream().map(OverviewNode::name).toList();
    }
}
