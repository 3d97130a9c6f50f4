package org.airgap.client.admin.plant.internal;

import java.util.ArrayList;
import java.util.List;

import org.airgap.model.Folder;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;

/**
 * One row of the Plant tree: a folder, a component or a job as the server listed it, with its children in the
 * order shown (a folder's subfolders, then its components, each by name; a component's jobs by name).
 */
final class PlantNode {

    enum Kind {
        FOLDER, COMPONENT, JOB
    }

    private final Kind kind;
    private final Object item;
    private final PlantNode parent;
    private final List<PlantNode> children = new ArrayList<>();

    private PlantNode(Kind kind, Object item, PlantNode parent) {
        this.kind = kind;
        this.item = item;
        this.parent = parent;
    }

    static PlantNode folder(Folder folder, PlantNode parent) {
        return new PlantNode(Kind.FOLDER, folder, parent);
    }

    static PlantNode component(PlantComponent component, PlantNode parent) {
        return new PlantNode(Kind.COMPONENT, component, parent);
    }

    static PlantNode job(PlantJob job, PlantNode parent) {
        return new PlantNode(Kind.JOB, job, parent);
    }

    Kind kind() {
        return kind;
    }

    String id() {
        return switch (kind) {
            case FOLDER -> folder().id();
            case COMPONENT -> component().component().id();
            case JOB -> job().job().id();
        };
    }

    String name() {
        return switch (kind) {
            case FOLDER -> folder().name();
            case COMPONENT -> component().component().name();
            case JOB -> job().job().name();
        };
    }

    /** The device type of a component, or of the component a job backs up; "" for a folder. */
    String deviceType() {
        return switch (kind) {
            case FOLDER -> "";
            case COMPONENT -> component().component().deviceType();
            case JOB -> parent != null && parent.kind == Kind.COMPONENT ? parent.deviceType() : "";
        };
    }

    /** Whether the server archived it (a job of an archived component counts as archived too). */
    boolean archived() {
        return switch (kind) {
            case FOLDER -> false;
            case COMPONENT -> component().archived() != null;
            case JOB -> job().archived() != null || (parent != null && parent.archived());
        };
    }

    Folder folder() {
        return (Folder) item;
    }

    PlantComponent component() {
        return (PlantComponent) item;
    }

    PlantJob job() {
        return (PlantJob) item;
    }

    PlantNode parent() {
        return parent;
    }

    List<PlantNode> children() {
        return children;
    }

    /** "folder line-1", "component press", "job job-press": how the status line names it. */
    String subject() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id();
    }

    /** The folder itself, or the folder a component (or a job's component) is in; {@code null} for none. */
    PlantNode enclosingFolder() {
        PlantNode folder = this;
        while (folder != null && folder.kind != Kind.FOLDER) {
            folder = folder.parent;
        }
        return folder;
    }

    /** Whether {@code other} is this node or below it (a folder cannot move there). */
    boolean contains(PlantNode other) {
        for (PlantNode node = other; node != null; node = node.parent) {
            if (node == this) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return subject();
    }
}
