package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.airgap.audit.AuditVerification;
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
        if (!audit.ok()) {
            problems.add(audit.summary());
        }
        if (context.json) {
            Output.json(context.out, new Output.VerifyDocument(repository.location().toString(), problems.isEmpty(),
                    store, audit, problems));
        } else {
            context.out.println("Workspace " + repository.location());
            context.out.println("Store: " + store.manifests() + " manifests, " + store.blobs() + " blobs, "
                    + (store.ok() ? "all intact" : store.problems().size() + " problems"));
            store.problems().forEach(problem -> context.out.println("  " + problem));
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
