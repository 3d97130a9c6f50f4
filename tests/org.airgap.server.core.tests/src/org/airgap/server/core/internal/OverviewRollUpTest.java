package org.airgap.server.core.internal;

import static org.airgap.protocol.OverviewStatus.DIFFERENT;
import static org.airgap.protocol.OverviewStatus.EQUAL;
import static org.airgap.protocol.OverviewStatus.ERROR;
import static org.airgap.protocol.OverviewStatus.NOT_AVAILABLE;
import static org.airgap.protocol.OverviewStatus.NOT_COMPARED;
import static org.airgap.protocol.OverviewStatus.NO_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.airgap.model.RunOutcome;
import org.airgap.protocol.OverviewStatus;
import org.airgap.server.core.internal.OverviewRollUp.Leaf;
import org.airgap.server.core.internal.OverviewRollUp.Node;
import org.airgap.server.core.internal.OverviewRollUp.Rolled;
import org.junit.jupiter.api.Test;

class OverviewRollUpTest {

    @Test
    void theWorstStatusWinsInOctoplantsOrder() {
        List<OverviewStatus> bestToWorst = List.of(NO_JOB, NOT_AVAILABLE, NOT_COMPARED, EQUAL, DIFFERENT, ERROR);
        for (int i = 0; i < bestToWorst.size(); i++) {
            for (int j = 0; j < bestToWorst.size(); j++) {
                OverviewStatus expected = bestToWorst.get(Math.max(i, j));
                assertEquals(expected, bestToWorst.get(i).worse(bestToWorst.get(j)));
                assertEquals(expected, OverviewRollUp.component(List.of(bestToWorst.get(i), bestToWorst.get(j))));
            }
        }
        List<OverviewStatus> shuffled = new java.util.ArrayList<>(bestToWorst);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertEquals(ERROR, OverviewRollUp.component(shuffled));
        assertEquals(NO_JOB, OverviewRollUp.component(List.of()), "a component without jobs");
        assertEquals(List.of("No job configured", "Not available", "Not compared", "Equal", "Different", "Error"),
                bestToWorst.stream().map(OverviewStatus::label).toList());
    }

    @Test
    void aJobsStatusComesFromItsLastRun() {
        assertEquals(NOT_COMPARED, OverviewRollUp.job(null, null), "never run");
        assertEquals(ERROR, OverviewRollUp.job(RunOutcome.FAILED, NOT_COMPARED));
        assertEquals(ERROR, OverviewRollUp.job(RunOutcome.CANCELLED, EQUAL));
        assertEquals(DIFFERENT, OverviewRollUp.job(RunOutcome.SUCCEEDED, DIFFERENT));
        assertEquals(NOT_AVAILABLE, OverviewRollUp.job(RunOutcome.SUCCEEDED, NOT_AVAILABLE));
    }

    @Test
    void foldersShowTheWorstStatusBelowThemAndCountTheirComponents() {
        List<Node> folders = List.of(new Node("plant", null), new Node("line-1", "plant"), new Node("cell-a", "line-1"),
                new Node("line-2", "plant"), new Node("empty", "plant"), new Node("other", null));
        List<Leaf> leaves = List.of(new Leaf("cell-a", EQUAL), new Leaf("cell-a", NOT_AVAILABLE),
                new Leaf("line-1", NO_JOB), new Leaf("line-2", DIFFERENT), new Leaf("line-2", NOT_COMPARED),
                new Leaf("other", NO_JOB), new Leaf("unknown-folder", ERROR));
        Map<String, Rolled> rolled = OverviewRollUp.rollUp(folders, leaves);
        assertEquals(new Rolled(EQUAL, 2), rolled.get("cell-a"));
        assertEquals(new Rolled(EQUAL, 3), rolled.get("line-1"));
        assertEquals(new Rolled(DIFFERENT, 2), rolled.get("line-2"));
        assertEquals(new Rolled(DIFFERENT, 5), rolled.get("plant"));
        assertEquals(new Rolled(NO_JOB, 0), rolled.get("empty"));
        assertEquals(new Rolled(NO_JOB, 1), rolled.get("other"));
        assertEquals(6, rolled.size(), "a component in a folder outside the list counts nowhere");
    }

    @Test
    void aFolderCycleInBrokenDataStopsTheClimb() {
        Map<String, Rolled> rolled = OverviewRollUp.rollUp(List.of(new Node("a", "b"), new Node("b", "a")),
                List.of(new Leaf("a", ERROR)));
        assertEquals(new Rolled(ERROR, 1), rolled.get("a"));
        assertEquals(new Rolled(ERROR, 1), rolled.get("b"));
    }
}
