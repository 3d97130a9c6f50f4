package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.OverviewStatus;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.internal.JobRunSummaries.LastRun;

/**
 * The administrator's overview in a few queries, whatever the plant's size: folders, components and jobs
 * ({@link ParsedDefinitions}: only what changed is read again), and each job's last run (by the server's commit time) and latest backup ({@link JobRunSummaries}: the runs
 * committed since the last overview). The roll-up is {@link OverviewRollUp}'s.
 */
final class PlantOverviews {

    private final Jdbc jdbc;
    private final ParsedDefinitions<Component> components = new ParsedDefinitions<>("components", Component.class);
    private final ParsedDefinitions<Job> jobs = new ParsedDefinitions<>("jobs", Job.class);
    private final JobRunSummaries lastRuns = new JobRunSummaries();

    PlantOverviews(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    AdminOverview overview(AdminScope scope) {
        Instant now = jdbc.now();
        return jdbc.read(connection -> build(connection, scope, now));
    }

    private AdminOverview build(Connection connection, AdminScope scope, Instant now) throws SQLException {
        List<Folder> folders = Jdbc.list(connection, "SELECT json FROM folders", row -> parse(Folder.class,
                row.getString(1))).stream().filter(folder -> scope.covers(folder.id())).toList();
        Map<String, Component> inScope = new HashMap<>();
        for (Component component : components.all(connection)) {
            if (scope.covers(component.folderId())) {
                inScope.put(component.id(), component);
            }
        }
        List<Job> jobsInScope = jobs.all(connection).stream().filter(job -> inScope.containsKey(job.componentId()))
                .toList();
        return assemble(now, folders, inScope, jobsInScope, lastRuns.current(connection, jdbc.runDeletions()));
    }

    private static AdminOverview assemble(Instant now, List<Folder> folders, Map<String, Component> components,
            List<Job> jobs, Map<String, LastRun> lastRuns) {
        Map<String, List<OverviewStatus>> jobStatuses = new HashMap<>();
        Map<String, Instant> latestBackups = new HashMap<>();
        List<AdminOverview.Job> neverRun = new ArrayList<>();
        List<AdminOverview.Job> failed = new ArrayList<>();
        List<AdminOverview.Job> stale = new ArrayList<>();
        for (Job job : jobs) {
            LastRun last = lastRuns.get(job.id());
            jobStatuses.computeIfAbsent(job.componentId(), id -> new ArrayList<>()).add(JobRunSummaries.statusOf(last));
            Instant backup = last == null ? null : last.latestBackup();
            if (backup != null) {
                latestBackups.merge(job.componentId(), backup, (a, b) -> a.isAfter(b) ? a : b);
            }
            var warnAge = job.options().warnIfBackupOlderThan();
            AdminOverview.Job line = new AdminOverview.Job(job.id(), job.name(), job.componentId(),
                    last == null ? null : last.start(), last == null ? null : last.outcome(), backup, warnAge);
            if (last == null) {
                neverRun.add(line);
            } else if (last.outcome() != RunOutcome.SUCCEEDED) {
                failed.add(line);
            }
            if (warnAge != null && (backup == null || backup.plus(warnAge).isBefore(now))) {
                stale.add(line);
            }
        }
        List<OverviewRollUp.Leaf> leaves = new ArrayList<>();
        List<AdminOverview.Component> componentLines = new ArrayList<>();
        Map<OverviewStatus, Integer> counts = new EnumMap<>(OverviewStatus.class);
        for (Component component : components.values()) {
            List<OverviewStatus> statuses = jobStatuses.getOrDefault(component.id(), List.of());
            OverviewStatus status = OverviewRollUp.component(statuses);
            leaves.add(new OverviewRollUp.Leaf(component.folderId(), status));
            counts.merge(status, 1, Integer::sum);
            componentLines.add(new AdminOverview.Component(component.id(), component.name(), component.folderId(),
                    status, statuses.size(), latestBackups.get(component.id())));
        }
        Map<String, OverviewRollUp.Rolled> rolled = OverviewRollUp.rollUp(
                folders.stream().map(folder -> new OverviewRollUp.Node(folder.id(), folder.parentId())).toList(), leaves);
        List<AdminOverview.Folder> folderLines = folders.stream().map(folder -> new AdminOverview.Folder(folder.id(),
                folder.name(), folder.parentId(), rolled.get(folder.id()).status(), rolled.get(folder.id()).components()))
                .sorted(Comparator.comparing(AdminOverview.Folder::id)).toList();
        componentLines.sort(Comparator.comparing(AdminOverview.Component::id));
        Comparator<AdminOverview.Job> byId = Comparator.comparing(AdminOverview.Job::id);
        neverRun.sort(byId);
        failed.sort(byId);
        stale.sort(byId);
        return new AdminOverview(now, counts, folderLines, componentLines, neverRun, failed, stale, List.of());
    }

    private static <T> T parse(Class<T> type, String json) throws SQLException {
        try {
            return ModelJson.read(type, json);
        } catch (ModelFormatException e) {
            throw new SQLException("the server database holds an invalid " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
