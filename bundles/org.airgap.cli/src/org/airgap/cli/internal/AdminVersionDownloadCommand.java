package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.airgap.protocol.Api;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin versions download COMPONENT NUMBER -o FILE}: saves a version's files as tar.gz. The
 * archive is streamed into a temporary file next to FILE, synced, and renamed to FILE only when complete: an
 * interrupted download leaves no FILE that looks whole (and an existing FILE as it was).
 */
@Command(name = "download", description = "Save a version's files as a tar.gz archive.")
final class AdminVersionDownloadCommand extends AdminSubcommand {

    /** What was saved, for {@code --json}. */
    record DownloadDocument(String componentId, int version, String file, long bytes) {
    }

    @Parameters(index = "0", paramLabel = "COMPONENT", description = "the component's id")
    String componentId;

    @Parameters(index = "1", paramLabel = "NUMBER", description = "the version's number")
    int number;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE", required = true,
            description = "the archive to write (replaced when it exists)")
    Path output;

    @Override
    int run(CommandContext context, ServerClient server) throws CommandException, IOException {
        Path target = output.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw CommandException.usage(target + " is a folder: give the archive's file name, such as "
                    + componentId + "-version-" + number + ".tar.gz");
        }
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            throw CommandException.failed("the folder " + folder + " does not exist: create it first");
        }
        long bytes;
        Path part = Files.createTempFile(folder, "." + target.getFileName(), ".part");
        try {
            try (InputStream in = server.getStream(Api.COMPONENTS + AdminRunsCommand.segment(componentId)
                    + "/versions/" + number + "/archive")) {
                try {
                    bytes = Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw CommandException.failed("the download of version " + number + " of " + componentId
                            + " failed after it began: " + e.getMessage() + "; " + target + " was not written");
                }
            }
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        if (context.json) {
            Output.json(context.out, new DownloadDocument(componentId, number, target.toString(), bytes));
        } else {
            context.out.println("Saved version " + number + " of " + componentId + " to " + target + " (" + bytes
                    + " bytes)");
        }
        return OK;
    }
}
