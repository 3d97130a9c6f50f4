package org.airgap.client.admin.plant.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;

/**
 * The selected row in words for the read-only pane below the Plant tree: a component's device type and the keys
 * of its connection (never their values: they may be passwords), a job's parameters (secrets masked) and options.
 */
final class PlantDetails {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private PlantDetails() {
    }

    static String of(PlantNode node) {
        if (node == null) {
            return "Select a folder, component or job to see its details.";
        }
        return switch (node.kind()) {
            case FOLDER -> folder(node.folder(), node.children().size());
            case COMPONENT -> component(node.component());
            case JOB -> job(node.job(), node.deviceType());
        };
    }

    private static String folder(Folder folder, int children) {
        return "Folder " + folder.id() + ": " + folder.name() + "\n"
                + "In: " + (folder.parentId() == null ? "the top level" : "folder " + folder.parentId()) + "\n"
                + "Holds: " + children + (children == 1 ? " folder or component" : " folders and components");
    }

    private static String component(PlantComponent plant) {
        Component component = plant.component();
        return "Component " + component.id() + ": " + component.name() + "\n"
                + "Folder: " + component.folderId() + "\n"
                + "Device type: " + component.deviceType() + "\n"
                + "Connection: " + (component.connection().isEmpty() ? "-"
                        : String.join(", ", new TreeMap<>(component.connection()).keySet()))
                + " (values not shown)\n"
                + "Versions: " + plant.versions() + ", runs: " + plant.runs() + "\n"
                + archived(plant.archived());
    }

    private static String job(PlantJob plant, String deviceType) {
        Job job = plant.job();
        JobOptions options = job.options();
        return "Job " + job.id() + ": " + job.name() + "\n"
                + "Backs up: component " + job.componentId() + (deviceType.isEmpty() ? "" : " (" + deviceType + ")")
                + " in folder " + plant.folderId() + "\n"
                + "Parameters: " + parameters(job.parameters()) + "\n"
                + "Options: " + options.maxAttempts() + (options.maxAttempts() == 1 ? " attempt" : " attempts")
                + ", " + options.pauseBetweenAttempts() + " apart; versions "
                + (options.createVersionAutomatically() ? "automatic" : "checked in by hand")
                + "; warn if older than " + (options.warnIfBackupOlderThan() == null ? "-"
                        : options.warnIfBackupOlderThan())
                + "; includes " + options.includes() + ", excludes " + options.excludes() + ", "
                + options.ignoreRules().size() + " ignore rules\n"
                + "Runs: " + plant.runs() + ", assigned to: "
                + (plant.assignedTo().isEmpty() ? "-" : String.join(", ", plant.assignedTo())) + "\n"
                + archived(plant.archived());
    }

    private static String parameters(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(parameters).forEach((key, value) -> text.append(text.isEmpty() ? "" : ", ").append(key)
                .append('=').append(SecretKeys.secret(key) ? SecretKeys.MASK : value));
        return text.toString();
    }

    private static String archived(Instant archived) {
        return archived == null ? "Archived: no" : "Archived: " + TIME.format(archived)
                + " (hidden from syncs and job lists; Restore brings it back)";
    }
}
