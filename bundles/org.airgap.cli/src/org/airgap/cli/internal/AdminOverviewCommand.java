package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.Api;
import org.airgap.protocol.OverviewStatus;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code airgap admin overview}: the plant tree with each folder's worst status, how many components have
 * each status, and the jobs and technicians that need attention (GET /api/admin/overview).
 */
@Command(name = "overview", description = { "The plant tree with the worst status of each folder, the jobs never"
        + " run, failed last runs, backups older than their job's warning age and technicians with uploads"
        + " waiting.", "--components lists the components in the tree too." })
final class AdminOverviewCommand extends AdminSubcommand {

    @Option(names = "--components", description = "List each component under its folder.")
    boolean components;

    @Override
    int run(CommandContext context, ServerClient server) throws IOException {
        AdminOverview overview = server.getJson(Api.ADMIN_OVERVIEW, AdminOverview.class);
        if (context.json) {
            Output.json(context.out, overview);
        } else {
            print(context.out, overview, components);
        }
        return OK;
    }

    static void print(PrintStream out, AdminOverview overview, boolean withComponents) {
        int total = overview.counts().values().stream().mapToInt(Integer::intValue).sum();
        out.println("Overview at " + Output.time(overview.time()) + ": " + total + " components"
                + (total == 0 ? "" : " \u2014 " + counts(overview.counts())));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("FOLDER", "STATUS", "COMPONENTS"));
        Map<String, List<AdminOverview.Folder>> children = new HashMap<>();
        Set<String> shown = overview.folders().stream().map(AdminOverview.Folder::id).collect(Collectors.toSet());
        List<AdminOverview.Folder> roots = new ArrayList<>();
        for (AdminOverview.Folder folder : overview.folders()) {
            if (folder.parentId() == null || !shown.contains(folder.parentId())) {
                roots.add(folder);
            } else {
                children.computeIfAbsent(folder.parentId(), id -> new ArrayList<>()).add(folder);
            }
        }
        Map<String, List<AdminOverview.Component>> componentsIn = overview.components().stream()
                .collect(Collectors.groupingBy(AdminOverview.Component::folderId));
        roots.sort(Comparator.comparing(AdminOverview.Folder::name));
        for (AdminOverview.Folder root : roots) {
            addFolder(rows, root, 0, children, withComponents ? componentsIn : Map.of());
        }
        Output.table(out, rows);
        jobs(out, "Jobs never run", overview.neverRun(), job -> "never run");
        jobs(out, "Failed last runs", overview.failedLastRun(),
                job -> job.lastOutcome() + " at " + Output.time(job.lastRun()));
        jobs(out, "Backups older than the job's warning age", overview.staleBackups(),
                job -> (job.latestBackup() == null ? "no backup" : "latest backup " + Output.time(job.latestBackup()))
                        + ", warns after " + age(job.warnAge()));
        if (!overview.pendingUploads().isEmpty()) {
            out.println();
            int technicians = overview.pendingUploads().size();
            out.println("Runs planned for upload but not received whole (" + technicians + " technician"
                    + (technicians == 1 ? "" : "s") + "):");
            List<List<String>> pending = new ArrayList<>();
            pending.add(List.of("USER", "RUNS", "OLDEST PLANNED"));
            for (AdminOverview.PendingUploads uploads : overview.pendingUploads()) {
                pending.add(List.of(uploads.user(), Integer.toString(uploads.runs()), Output.time(uploads.oldest())));
            }
            Output.table(out, pending);
        }
    }

    private static void addFolder(List<List<String>> rows, AdminOverview.Folder folder, int depth,
            Map<String, List<AdminOverview.Folder>> children, Map<String, List<AdminOverview.Component>> components) {
        String indent = "  ".repeat(depth);
        rows.add(List.of(indent + folder.name(), folder.status().label(), Integer.toString(folder.components())));
        List<AdminOverview.Folder> below = new ArrayList<>(children.getOrDefault(folder.id(), List.of()));
        below.sort(Comparator.comparing(AdminOverview.Folder::name));
        for (AdminOverview.Folder child : below) {
            addFolder(rows, child, depth + 1, children, components);
        }
        for (AdminOverview.Component component : components.getOrDefault(folder.id(), List.of())) {
            rows.add(List.of(indent + "  " + component.name() + " (" + component.id() + ")",
                    component.status().label(), ""));
        }
    }

    private interface Describe {
        String of(AdminOverview.Job job);
    }

    private static void jobs(PrintStream out, String title, List<AdminOverview.Job> jobs, Describe describe) {
        if (jobs.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + " (" + jobs.size() + "):");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("JOB", "NAME", "COMPONENT", "WHY"));
        for (AdminOverview.Job job : jobs) {
            rows.add(List.of(job.id(), job.name(), job.componentId(), describe.of(job)));
        }
        Output.table(out, rows);
    }

    private static String counts(Map<OverviewStatus, Integer> counts) {
        List<OverviewStatus> worstFirst = new ArrayList<>(List.of(OverviewStatus.values()));
        worstFirst.sort(Comparator.reverseOrder());
        return worstFirst.stream().filter(counts::containsKey)
                .map(status -> counts.get(status) + " " + status.label()).collect(Collectors.joining(", "));
    }

    private static String age(Duration age) {
        if (age == null) {
            return "-";
        }
        return age.toDaysPart() > 0 && age.toHoursPart() == 0 && age.toMinutesPart() == 0 ? age.toDays() + " d"
                : age.toMinutes() % 60 == 0 ? age.toHours() + " h" : age.toMinutes() + " min";
    }
}
