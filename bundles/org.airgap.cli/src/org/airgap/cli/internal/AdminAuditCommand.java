package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.Api;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditPage;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code airgap admin audit}: a page of the server's audit trail and the trails laptops uploaded, filtered,
 * as a table (time, user, action, subject, details), then whether each trail's hash chain verifies
 * ({@link AdminAuditVerifyCommand} prints only that). The server checks the filters.
 */
@Command(name = "audit", description = { "Read the server's audit trail and the laptops' uploaded trails, "
        + "oldest first, and whether each trail's hash chain verifies." },
        subcommands = { AdminAuditVerifyCommand.class })
final class AdminAuditCommand extends AdminSubcommand {

    @Option(names = "--user", paramLabel = "NAME", description = "only entries of this user")
    String user;

    @Option(names = "--subject", paramLabel = "TEXT", description = "only entries whose subject contains TEXT (any case)")
    String subject;

    @Option(names = "--action", paramLabel = "ACTION", description = "only this action, e.g. LOGIN, COMMIT, GC")
    String action;

    @Option(names = "--from", paramLabel = "TIME", description = "only entries at or after TIME (2026-03-01T08:00:00Z)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "only entries before TIME")
    String to;

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "all",
            description = "server, laptops or all (default)")
    String source;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "entries per page, at most " + Api.MAX_AUDIT_PAGE + " (default 100)")
    int limit;

    @Option(names = "--after", paramLabel = "CURSOR", description = "the page after CURSOR (printed below a full page)")
    String after;

    @Override
    int run(CommandContext context, ServerClient server) throws CommandException, IOException {
        AuditPage page = server.getJson(Api.ADMIN_AUDIT + query(), AuditPage.class);
        PrintStream out = context.out;
        if (context.json) {
            Output.json(out, page);
            return OK;
        }
        if (page.entries().isEmpty()) {
            out.println("No audit entries match.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("TIME", "USER", "ACTION", "SUBJECT", "DETAILS"));
            for (AuditLogEntry entry : page.entries()) {
                rows.add(List.of(Output.time(entry.time()), user(entry), entry.action(), orDash(entry.subject()),
                        orDash(entry.details())));
            }
            Output.table(out, rows);
        }
        if (page.next() != null) {
            out.println("More entries: airgap admin audit … --after " + page.next());
        }
        AdminAuditVerifyCommand.printTrails(out, page.trails());
        return OK;
    }

    /** A laptop entry's user with "(laptop)", and who uploaded it when that was someone else. */
    private static String user(AuditLogEntry entry) {
        if (!AuditLogEntry.LAPTOP.equals(entry.source())) {
            return entry.user();
        }
        return entry.user() + (entry.uploadedBy() == null || entry.uploadedBy().equals(entry.user()) ? " (laptop)"
                : " (laptop, uploaded by " + entry.uploadedBy() + ")");
    }

    private String query() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("source", source);
        parameters.put("limit", limit);
        parameters.put("user", user);
        parameters.put("subject", subject);
        parameters.put("action", action);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("after", after);
        return Api.query(parameters);
    }

    private static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }
}
