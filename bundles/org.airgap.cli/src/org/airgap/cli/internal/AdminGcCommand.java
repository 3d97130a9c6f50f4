package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.time.Duration;

import org.airgap.protocol.Api;
import org.airgap.protocol.GcResult;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code airgap admin gc [--dry-run]}: the running server applies the retention policies and removes the
 * files nothing kept names (docs/administration.md, "Retention and garbage collection").
 */
@Command(name = "gc", description = "Apply the retention policies on the server and remove the files nothing kept"
        + " names (administrators of the whole plant).")
final class AdminGcCommand extends AdminSubcommand {

    /** A gc reads every kept manifest: on a large store it takes longer than an ordinary request. */
    private static final Duration TIMEOUT = Duration.ofHours(2);
    /** How many dropped versions and runs the text lists. */
    private static final int LISTED = 20;

    @Option(names = "--dry-run", description = "Only show what would be dropped and removed.")
    boolean dryRun;

    @Override
    int run(CommandContext context, ServerClient server) throws IOException {
        GcResult result = server.postJson(Api.ADMIN_GC + (dryRun ? "?dryRun=true" : ""), null, GcResult.class,
                TIMEOUT);
        if (context.json) {
            Output.json(context.out, result);
            return OK;
        }
        String verb = result.dryRun() ? "would drop " : "dropped ";
        context.out.println((result.dryRun() ? "Dry run, nothing changed: gc " : "gc ") + verb
                + result.versionsDropped() + " version(s) and " + result.runSnapshotsDropped()
                + " run snapshot(s), " + (result.dryRun() ? "would remove " : "removed ") + result.manifestsRemoved()
                + " manifest(s) and " + result.blobsRemoved() + " blob(s): " + bytes(result.bytesReclaimed())
                + (result.dryRun() ? " to reclaim" : " reclaimed") + " in " + Output.took(Duration.ofMillis(
                        result.millis())));
        result.dropped().stream().limit(LISTED).forEach(item -> context.out.println("  " + item));
        int more = result.versionsDropped() + result.runSnapshotsDropped() - Math.min(LISTED, result.dropped().size());
        if (more > 0) {
            context.out.println("  … and " + more + " more (--json lists the first 1000)");
        }
        return OK;
    }

    /** "12.3 MiB (12,901,888 bytes)"; small sizes in bytes only. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s (%,d bytes)", value, units[unit], bytes);
    }
}
