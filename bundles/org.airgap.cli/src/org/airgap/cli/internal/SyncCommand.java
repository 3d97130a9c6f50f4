package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Objects;
import java.util.stream.Stream;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.runner.check.CheckService;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.sync.PullReport;
import org.airgap.sync.PushReport;
import org.airgap.sync.RunUpload;
import org.airgap.sync.SyncException;
import org.airgap.sync.SyncService;
import org.eclipse.core.runtime.OperationCanceledException;

import picocli.CommandLine.Command;

@Command(name = "sync", description = "Get the assigned jobs from the server, then upload finished runs (needs an "
        + "online login).")
class SyncCommand extends WorkspaceCommand {

    /** Whether the jobs are pulled before the push; {@link UploadCommand} only pushes. */
    boolean pullFirst() {
        return true;
    }

    @Override
    final int run(CommandContext context) throws CommandException, IOException {
        String command = pullFirst() ? "sync" : "upload";
        ClientSession session = context.session();
        if (!session.online()) {
            throw CommandException.failed(command + " needs the server, and " + session.user()
                    + " is logged in offline: connect to the plant network and log in with "
                    + "airgap login --server URL --user " + session.user());
        }
        SyncService sync = context.services.require(SyncService.class, "sync");
        PullReport pull = null;
        String pullError = null;
        if (pullFirst()) {
            try {
                pull = sync.pull(session, new ConsoleProgress(context.err));
            } catch (SessionException e) {
                throw CommandContext.sessionProblem(e);
            } catch (IOException | OperationCanceledException e) {
                pullError = "pull failed: " + e.getMessage();
            }
        }
        PushReport push = null;
        String pushError = null;
        boolean pushRefused = false;
        try {
            push = sync.push(session, new ConsoleProgress(context.err));
        } catch (SessionException e) {
            throw CommandContext.sessionProblem(e);
        } catch (IOException | OperationCanceledException e) {
            pushError = "upload failed: " + e.getMessage();
            // Refused by a server that answered (a taken run id, for one): reachability is not the problem.
            pushRefused = e instanceof SyncException refused && refused.status() != 0;
        }
        PrintStream out = context.out;
        if (context.json) {
            Output.json(out, new Output.SyncDocument(pull, pullError, push, pushError));
        } else {
            if (pull != null) {
                out.println("Pulled " + pull.jobs() + " jobs, " + pull.components() + " components, "
                        + pull.baselines() + " baselines; fetched " + pull.snapshotsFetched() + " snapshots ("
                        + pull.blobsFetched() + " blobs, " + pull.bytesFetched() + " bytes).");
                pull.removedJobs().forEach(removed -> out.println(removed.message() + "."));
                pull.offlineLoginsRemoved().forEach(user -> out.println("Offline login of " + user + " deleted from"
                        + " this laptop: the server refuses that user (disabled or removed)."));
            }
        }
        if (pull != null) {
            preflight(context);
        }
        if (!context.json) {
            if (push != null) {
                printPush(out, push);
            }
        }
        if (push != null && !push.refused().isEmpty() && pushError == null) {
            // Refused as they are (their laptop signature, a revoked laptop): queued with the server's message.
            pushError = push.refused().size() + " run(s) refused by the server and kept on this laptop: "
                    + String.join("; ", push.refused().values());
            pushRefused = true;
        }
        if (push != null && !push.unreadable().isEmpty() && pushError == null) {
            pushError = push.unreadable().size() + " run(s) waiting for upload cannot be read on this laptop and were"
                    + " not sent: " + String.join("; ", push.unreadable().values());
            pushRefused = true;
        }
        if (pullError != null || pushError != null) {
            String problems = String.join("; ", Stream.of(pullError, pushError).filter(Objects::nonNull).toList());
            throw CommandException.failed(problems + ". Nothing is lost: runs stay queued; run airgap " + command
                    + (pushRefused ? " again once that is solved." : " again when the server is reachable."));
        }
        return OK;
    }

    /** What the jobs just synced need that this laptop lacks, on stderr under --json (stdout is the document). */
    private static void preflight(CommandContext context) {
        context.services.find(DeviceDriver.class, CheckCommand.FIRST_DRIVER_WAIT);
        CheckService check = context.services.find(CheckService.class, Services.WAIT);
        if (check == null) {
            context.err.println("airgap: warning: no pre-flight check: the check service did not start (the log "
                    + "says why)");
            return;
        }
        PreflightText.summary(context.json ? context.err : context.out, check.preflight());
    }

    private static void printPush(PrintStream out, PushReport push) {
        out.println("Uploaded " + push.runs().size() + " runs (" + push.blobsSent() + " blobs, " + push.bytesSent()
                + " bytes); " + push.versionsCreated() + " new versions; " + push.auditEntriesStored()
                + " new audit entries.");
        if (!push.held().isEmpty()) {
            out.println("Kept on this laptop, not uploaded: " + String.join(", ", push.held()) + " (their jobs are no"
                    + " longer assigned to you; they are uploaded once an administrator assigns them again).");
        }
        if (push.pruned() != null && !push.pruned().snapshotsRemoved().isEmpty()) {
            out.println("Pruned " + push.pruned().snapshotsRemoved().size() + " snapshots of uploaded runs that are no "
                    + "longer a baseline (" + push.pruned().blobsRemoved() + " blobs, " + push.pruned().bytesFreed()
                    + " bytes freed); the server keeps them.");
        }
        if (push.pruneProblem() != null) {
            out.println("Warning: " + push.pruneProblem() + ". The upload itself succeeded.");
        }
        for (RunUpload upload : push.runs()) {
            out.println("  " + upload.runId() + "  " + upload.jobId() + "  " + Output.SERVER_VERSION_LABEL + ": "
                    + Output.label(upload.result().serverVersionResult()) + "  " + Output.PREVIOUS_BACKUP_LABEL + ": "
                    + Output.label(upload.result().previousBackupResult())
                    + (upload.result().versionCreated() && upload.result().version() != null
                            ? "  version " + upload.result().version().number() + " created" : ""));
            if (upload.result().versionRefusal() != null) {
                out.println("    " + upload.result().versionRefusal());
            }
        }
    }
}
