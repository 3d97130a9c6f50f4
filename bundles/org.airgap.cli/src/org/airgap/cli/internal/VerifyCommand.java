package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.airgap.audit.AuditVerification;
import org.airgap.model.Run;
import org.airgap.store.ContentStore;
import org.airgap.workspace.JobRepository;
import org.eclipse.core.runtime.NullProgressMonitor;

import picocli.CommandLine.Command;

@Command(name = "verify", description = "Check the workspace's store and audit trail.")
final class VerifyCommand extends WorkspaceCommand {

    @Override
    int run(CommandContext context) throws CommandException, IOException {
        context.session();
        JobRepository repository = context.repository();
        ContentStore.VerifyReport store = repository.store().verify(new NullProgressMonitor());
        AuditVerification audit = repository.audit().verify();
        List<String> problems = new ArrayList<>(store.problems());
        // A run whose snapshot a prune removed after its upload is fine (the server keeps it); one whose
        // snapshot is missing for any other reason is not.
        int pruned = 0;
        for (Run run : repository.runs()) {
            if (run.snapshotId() != null && !repository.store().hasSnapshot(run.snapshotId())) {
                if (repository.snapshotPruned(run.snapshotId())) {
                    pruned++;
                } else {
                    problems.add("run " + run.id() + " of job " + run.jobId() + " names snapshot " + run.snapshotId()
                            + ", which is not in the store and was not pruned after upload");
                }
            }
        }
        if (!audit.ok()) {
            problems.add(audit.summary());
        }
        if (context.json) {
            Output.json(context.out, new Output.VerifyDocument(repository.location().toString(), problems.isEmpty(),
                    store, audit, pruned, problems));
        } else {
            context.out.println("Workspace " + repository.location());
            context.out.println("Store: " + store.manifests() + " manifests, " + store.blobs() + " blobs, "
                    + (store.ok() ? "all intact" : store.problems().size() + " problems"));
            store.problems().forEach(problem -> context.out.println("  " + problem));
            if (pruned > 0) {
                context.out.println("Runs: " + pruned + " backups pruned from this laptop after their upload (the "
                        + "server keeps them; workspace setting prune.after.upload)");
            }
            context.out.println("Audit: " + audit.summary());
        }
        if (!problems.isEmpty()) {
            context.err.println("airgap: verify found " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + " in " + repository.location() + ":");
            problems.forEach(problem -> context.err.println("  " + problem));
            context.err.println("Backups that use a damaged file cannot be trusted: run their jobs again, and keep "
                    + "this workspace folder for inspection.");
            return FAILED;
        }
        return OK;
    }
}
