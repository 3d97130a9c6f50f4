package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.Api;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code airgap admin runs [filters]}: a page of the runs the laptops uploaded, newest backup first, as a
 * table; {@code airgap admin runs show RUN} prints one in full.
 */
@Command(name = "runs", description = "List the uploaded runs, newest backup first (filters combine); "
        + "'runs show RUN' prints one with its log.", subcommands = { AdminRunShowCommand.class })
final class AdminRunsCommand extends AdminSubcommand {

    @Option(names = "--component", paramLabel = "ID", description = "runs of this component")
    String component;

    @Option(names = "--job", paramLabel = "ID", description = "runs of this job")
    String job;

    @Option(names = "--user", paramLabel = "NAME", description = "runs uploaded by this technician")
    String user;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "SUCCEEDED, FAILED or CANCELLED")
    String outcome;

    @Option(names = "--from", paramLabel = "TIME", description = "backups from this time on: 2026-11-25 (UTC) or "
            + "2026-11-25T10:00:00Z")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "backups before this time")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "runs per page (default 50, at most 500)")
    Integer limit;

    @Option(names = "--after", paramLabel = "RUN", description = "the page after this run (the one the previous "
            + "page names)")
    String after;

    @Override
    int run(CommandContext context, ServerClient server) throws IOException {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("component", component);
        filters.put("job", job);
        filters.put("user", user);
        filters.put("outcome", outcome);
        filters.put("from", from);
        filters.put("to", to);
        filters.put("limit", limit);
        filters.put("after", after);
        AdminRunPage page = server.getJson(Api.ADMIN_RUNS + Api.query(filters), AdminRunPage.class);
        if (context.json) {
            Output.json(context.out, page);
            return OK;
        }
        if (page.runs().isEmpty()) {
            context.out.println("No runs match.");
            return OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("RUN", "JOB", "USER", "BACKUP TIME", "OUTCOME", "ATTEMPTS", Output.SERVER_VERSION_LABEL,
                Output.PREVIOUS_BACKUP_LABEL, "CLOCK SKEW", "VERSION"));
        for (AdminRun run : page.runs()) {
            rows.add(List.of(run.id(), run.jobId(), run.user(), Output.time(run.backupTime()), run.outcome().name(),
                    Integer.toString(run.attempts()), Output.label(run.serverVersionResult()),
                    Output.label(run.previousBackupResult()), skew(run.clockSkewSeconds()), version(run)));
        }
        Output.table(context.out, rows);
        if (page.next() != null) {
            context.out.println("More runs: repeat with --after " + page.next());
        }
        return OK;
    }

    /** An id as one segment of a path: encoded, so that it cannot add segments or a query. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The laptop's clock against the server's: "+120 s" fast, "-3 s" slow, "-" not known. */
    static String skew(Long seconds) {
        return seconds == null ? "-" : (seconds > 0 ? "+" : "") + seconds + " s";
    }

    /** The version the run became, "refused" when its automatic version was refused, else "-". */
    static String version(AdminRun run) {
        return run.version() != null ? Integer.toString(run.version()) : run.versionRefusal() != null ? "refused" : "-";
    }
}
