package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code airgap admin audit verify}: whether each audit trail's hash chain verifies; exit code 1 when one does not. */
@Command(name = "verify", description = { "Verify the hash chains of the server's audit trail and of the laptops' "
        + "uploaded trails; exit code 1 when one is broken." })
final class AdminAuditVerifyCommand extends AdminSubcommand {

    /** {@code airgap admin audit verify --json}. */
    record VerifyDocument(boolean intact, List<AuditTrailCheck> trails) {
    }

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "all",
            description = "server, laptops or all (default)")
    String source;

    @Override
    int run(CommandContext context, ServerClient server) throws CommandException, IOException {
        List<AuditTrailCheck> trails = server.getJsonList(Api.ADMIN_AUDIT_VERIFY + "?source="
                + URLEncoder.encode(source, StandardCharsets.UTF_8), AuditTrailCheck.class);
        boolean intact = trails.stream().allMatch(AuditTrailCheck::intact);
        if (context.json) {
            Output.json(context.out, new VerifyDocument(intact, trails));
        } else {
            printTrails(context.out, trails);
        }
        if (!intact) {
            context.err.println("airgap: an audit trail's hash chain is broken: its entries from the one named on may"
                    + " have been changed outside Airgap (docs/administration.md, \"Audit trail\")");
            return FAILED;
        }
        return OK;
    }

    /** One line per trail: intact with its number of entries, or where and why its chain breaks. */
    static void printTrails(PrintStream out, List<AuditTrailCheck> trails) {
        for (AuditTrailCheck trail : trails) {
            String who = trail.uploaders().isEmpty() ? "" : ", uploaded by " + String.join(", ", trail.uploaders());
            out.println("Trail " + trail.trail() + ": " + trail.entries() + (trail.entries() == 1 ? " entry" : " entries")
                    + who + ", " + (trail.intact() ? "chain intact"
                            : "chain BROKEN at entry " + trail.brokenSequence() + ": " + trail.problem()));
        }
    }
}
