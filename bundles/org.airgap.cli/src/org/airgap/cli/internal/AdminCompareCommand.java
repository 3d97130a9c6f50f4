package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.airgap.protocol.Api;
import org.airgap.protocol.SnapshotCompare;
import org.airgap.protocol.SnapshotCompare.Side;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin compare COMPONENT LEFT RIGHT}: two snapshots of a component compared on the server
 * (GET /api/admin/compare). The text form lists the paths that differ, then a unified diff per text file
 * and the changed rows per register table, as the server's compare engine gives them.
 */
@Command(name = "compare", description = { "Compare two snapshots of a component on the server: versions (v3)"
        + " or uploaded runs (run:ID).", "Prints the paths that differ, a unified diff of each text file and the"
                + " changed rows of each register table; --path PATH shows one file's differences." })
final class AdminCompareCommand extends AdminSubcommand {

    @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component's id.")
    String component;

    @Parameters(index = "1", paramLabel = "LEFT", description = "vN (version N) or run:ID (an uploaded run).")
    String left;

    @Parameters(index = "2", paramLabel = "RIGHT", description = "vN or run:ID, compared with LEFT.")
    String right;

    @Option(names = "--path", paramLabel = "PATH", description = "Show the differences of this file only.")
    String path;

    @Override
    int run(CommandContext context, ServerClient server) throws IOException {
        String query = "?component=" + encode(component) + "&left=" + encode(left) + "&right=" + encode(right)
                + (path == null ? "" : "&path=" + encode(path));
        SnapshotCompare compare = server.getJson(Api.ADMIN_COMPARE + query, SnapshotCompare.class);
        if (context.json) {
            Output.json(context.out, compare);
        } else {
            print(context.out, compare, path != null);
        }
        return OK;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The text form; without the paths that differ when {@code onePath} was asked for. */
    static void print(PrintStream out, SnapshotCompare compare, boolean onePath) {
        out.println(compare.componentId() + ": " + describe(compare.left()) + " \u2194 " + describe(compare.right())
                + ": " + compare.result().label());
        out.println("  " + counts(compare.counts()) + (compare.ignoreRulesOf() == null ? ""
                : "; ignore rules of job " + compare.ignoreRulesOf()));
        if (!onePath) {
            for (SnapshotCompare.Entry entry : compare.entries()) {
                if (!entry.status().equals("EQUAL") && !entry.status().equals("IGNORED")) {
                    out.println(String.format("%-8s %s%s", entry.status(), entry.path(),
                            entry.detail() == null ? "" : "  (" + entry.detail() + ")"));
                }
            }
        }
        for (SnapshotCompare.FileDiff diff : compare.diffs()) {
            out.println();
            switch (diff.kind()) {
                case "TEXT" -> {
                    if (diff.reason() != null) {
                        out.println(diff.path() + ": " + diff.reason());
                    }
                    out.print(diff.text());
                }
                case "TABLE" -> {
                    out.println(diff.path() + " (table: " + String.join(", ", diff.columns()) + ")");
                    out.print(diff.text());
                }
                default -> out.println(diff.path() + ": no line differences to show: " + diff.reason());
            }
        }
        if (compare.diffsOmitted() > 0) {
            out.println();
            out.println(compare.diffsOmitted() + " more differing files are not shown: airgap admin compare "
                    + compare.componentId() + " " + compare.left().ref() + " " + compare.right().ref()
                    + " --path PATH shows one");
        }
    }

    private static String describe(Side side) {
        return side.ref() + " (" + Output.time(side.time()) + ", " + side.user() + ")";
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.isEmpty() ? "no files" : counts.entrySet().stream()
                .map(count -> count.getValue() + " " + count.getKey().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
