package org.airgap.server.core.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.model.RunOutcome;
import org.airgap.protocol.OverviewStatus;

/**
 * Rolls component statuses up the folder tree: a folder's status is the worst of everything below it
 * (octoplant's order, {@link OverviewStatus}), {@link OverviewStatus#NO_JOB} when nothing below it has a
 * job. Each component's status climbs its folder's ancestors once; a cycle in broken data stops the climb.
 */
final class OverviewRollUp {

    /** A folder's rolled-up status and how many components are below it. */
    record Rolled(OverviewStatus status, int components) {
    }

    /** A folder and its parent ({@code null} for a top-level folder). */
    record Node(String id, String parentId) {
    }

    /** A component's folder and status. */
    record Leaf(String folderId, OverviewStatus status) {
    }

    private OverviewRollUp() {
    }

    /** The rolled-up status of every folder in {@code folders}; leaves in unknown folders are left out. */
    static Map<String, Rolled> rollUp(List<Node> folders, List<Leaf> leaves) {
        Map<String, String> parents = new HashMap<>();
        Map<String, Rolled> rolled = new HashMap<>();
        for (Node folder : folders) {
            parents.put(folder.id(), folder.parentId());
            rolled.put(folder.id(), new Rolled(OverviewStatus.NO_JOB, 0));
        }
        for (Leaf leaf : leaves) {
            Set<String> seen = new HashSet<>();
            for (String folder = leaf.folderId(); folder != null && rolled.containsKey(folder) && seen.add(folder);
                    folder = parents.get(folder)) {
                Rolled before = rolled.get(folder);
                rolled.put(folder, new Rolled(before.status().worse(leaf.status()), before.components() + 1));
            }
        }
        return rolled;
    }

    /**
     * A component's status from its jobs' statuses: the worst of them, {@link OverviewStatus#NO_JOB} for
     * none.
     */
    static OverviewStatus component(List<OverviewStatus> jobs) {
        OverviewStatus status = OverviewStatus.NO_JOB;
        for (OverviewStatus job : jobs) {
            status = status.worse(job);
        }
        return status;
    }

    /**
     * A job's status from its last run: {@link OverviewStatus#NOT_COMPARED} when it never ran,
     * {@link OverviewStatus#ERROR} when that run did not succeed, else its result with the server version.
     *
     * @param outcome how the last run ended, {@code null} when there was none
     */
    static OverviewStatus job(RunOutcome outcome, OverviewStatus serverVersionResult) {
        if (outcome == null) {
            return OverviewStatus.NOT_COMPARED;
        }
        return outcome == RunOutcome.SUCCEEDED ? serverVersionResult : OverviewStatus.ERROR;
    }
}
