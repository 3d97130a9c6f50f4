package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.airgap.model.Folder;
import org.airgap.protocol.Api;
import org.airgap.protocol.PlantMove;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airgap admin folders list|show|create|rename|move|delete}: the folder tree on the running server. */
@Command(name = "folders", synopsisSubcommandLabel = "COMMAND", description = "The folders of the plant.",
        subcommands = { HelpCommand.class, AdminFoldersCommand.ListFolders.class, AdminFoldersCommand.ShowFolder.class,
                AdminFoldersCommand.CreateFolder.class, AdminFoldersCommand.RenameFolder.class,
                AdminFoldersCommand.MoveFolder.class, AdminFoldersCommand.DeleteFolder.class })
final class AdminFoldersCommand extends AdminGroup {

    @Command(name = "list", description = "List the folders, each with its parent.")
    static final class ListFolders extends AdminSubcommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            List<Folder> folders = server.getJsonList(Api.ADMIN_FOLDERS, Folder.class);
            if (context.json) {
                Output.json(context.out, folders);
                return OK;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "NAME", "PARENT"));
            folders.forEach(f -> rows.add(List.of(f.id(), f.name(), f.parentId() == null ? "-" : f.parentId())));
            Output.table(context.out, rows);
            return OK;
        }
    }

    @Command(name = "show", description = "Show one folder.")
    static final class ShowFolder extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            Folder folder = server.getJson(PlantCalls.item(Api.ADMIN_FOLDERS, id), Folder.class);
            PlantCalls.print(context, folder, "Folder", folder.id(), "Name", folder.name(), "Parent",
                    folder.parentId() == null ? "- (top level)" : folder.parentId());
            return OK;
        }
    }

    @Command(name = "create", description = "Create a folder.")
    static final class CreateFolder extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--name", required = true, description = "the name shown to users")
        String name;

        @Option(names = "--parent", paramLabel = "FOLDER", description = "the folder it goes in (else: top level)")
        String parent;

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            Folder folder = server.postJson(Api.ADMIN_FOLDERS, PlantCalls.model(() -> new Folder(id, name, parent)), Folder.class);
            PlantCalls.done(context, folder, "Created folder " + folder.id() + (folder.parentId() == null
                    ? " at the top level" : " in folder " + folder.parentId()));
            return OK;
        }
    }

    @Command(name = "rename", description = "Give a folder another name (its id stays).")
    static final class RenameFolder extends AdminSubcommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            String path = PlantCalls.item(Api.ADMIN_FOLDERS, id);
            Folder stored = server.getJson(path, Folder.class);
            Folder folder = PlantCalls.put(server, path, PlantCalls.model(() -> new Folder(id, name, stored.parentId())),
                    Folder.class);
            PlantCalls.done(context, folder, "Renamed folder " + folder.id() + " to \"" + folder.name() + "\"");
            return OK;
        }
    }

    @Command(name = "move", description = "Move a folder, with everything in it, into another folder or to the top level.")
    static final class MoveFolder extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--to", paramLabel = "FOLDER", description = "the folder to move it into")
            String to;

            @Option(names = "--top", description = "make it a top-level folder")
            boolean top;
        }

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            Folder folder = server.postJson(PlantCalls.item(Api.ADMIN_FOLDERS, id) + Api.MOVE_SUFFIX,
                    new PlantMove(target.top ? null : target.to), Folder.class);
            PlantCalls.done(context, folder, "Moved folder " + folder.id() + " to "
                    + (folder.parentId() == null ? "the top level" : "folder " + folder.parentId()));
            return OK;
        }
    }

    @Command(name = "delete", description = "Delete an empty folder (one that still holds something is refused,"
            + " naming it).")
    static final class DeleteFolder extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            PlantCalls.printDeletion(context, PlantCalls.delete(server, PlantCalls.item(Api.ADMIN_FOLDERS, id)));
            return OK;
        }
    }
}
