package org.airgap.client.admin.overview.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.airgap.protocol.OverviewStatus;

/**
 * One row of the overview tree: a folder (its status the worst below it) or a component (the worst of its
 * jobs). Built once per load by {@link OverviewTree}; the children are fixed after that.
 */
final class OverviewNode {

    enum Kind {
        FOLDER, COMPONENT
    }

    private final Kind kind;
    private final String id;
    private final String name;
    private final OverviewStatus status;
    /** Folders: the components below, subfolders included; components: their jobs. */
    private final int count;
    private final Instant latestBackup;
    private final OverviewNode parent;
    private final List<OverviewNode> children = new ArrayList<>();

    OverviewNode(Kind kind, String id, String name, OverviewStatus status, int count, Instant latestBackup,
            OverviewNode parent) {
        this.kind = kind;
        this.id = id;
        this.name = name;
        this.status = status;
        this.count = count;
        this.latestBackup = latestBackup;
        this.parent = parent;
    }

    Kind kind() {
        return kind;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    OverviewStatus status() {
        return status;
    }

    int count() {
        return count;
    }

    /** A component's latest backup (laptop's clock), {@code null} for none or for a folder. */
    Instant latestBackup() {
        return latestBackup;
    }

    /** The folder above, {@code null} for a root. */
    OverviewNode parent() {
        return parent;
    }

    List<OverviewNode> children() {
        return Collections.unmodifiableList(children);
    }

    void add(OverviewNode child) {
        children.add(child);
    }

    @Override
    public String toString() {
        return kind + " " + id;
    }
}
