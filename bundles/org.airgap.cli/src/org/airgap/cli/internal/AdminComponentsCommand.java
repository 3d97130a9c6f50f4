package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.protocol.Api;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantMove;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin components list|show|create|change|rename|move|delete|restore}: the devices on the
 * running server. A delete archives a component with jobs, runs or versions; {@code --purge} removes an
 * archived one with its versions.
 */
@Command(name = "components", synopsisSubcommandLabel = "COMMAND", description = "The components (devices) of the plant.",
        subcommands = { HelpCommand.class, AdminComponentsCommand.ListComponents.class,
                AdminComponentsCommand.ShowComponent.class, AdminComponentsCommand.CreateComponent.class,
                AdminComponentsCommand.ChangeComponent.class, AdminComponentsCommand.RenameComponent.class,
                AdminComponentsCommand.MoveComponent.class, AdminComponentsCommand.DeleteComponent.class,
                AdminComponentsCommand.RestoreComponent.class })
final class AdminComponentsCommand extends AdminGroup {

    @Command(name = "list", description = "List the components.")
    static final class ListComponents extends AdminSubcommand {
        @Option(names = "--archived", description = "list the archived ones too")
        boolean archived;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            List<PlantComponent> components = server.getJsonList(Api.ADMIN_COMPONENTS + (archived ? "?archived=true" : ""),
                    PlantComponent.class);
            if (context.json) {
                Output.json(context.out, components);
                return OK;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "NAME", "FOLDER", "DEVICE TYPE", "VERSIONS", "RUNS", "ARCHIVED"));
            for (PlantComponent entry : components) {
                Component c = entry.component();
                rows.add(List.of(c.id(), c.name(), c.folderId(), c.deviceType(), String.valueOf(entry.versions()),
                        String.valueOf(entry.runs()), Output.time(entry.archived())));
            }
            Output.table(context.out, rows);
            return OK;
        }
    }

    @Command(name = "show", description = "Show one component, archived or not.")
    static final class ShowComponent extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            PlantComponent entry = server.getJson(PlantCalls.item(Api.ADMIN_COMPONENTS, id), PlantComponent.class);
            Component c = entry.component();
            PlantCalls.print(context, entry, "Component", c.id(), "Name", c.name(), "Folder", c.folderId(),
                    "Device type", c.deviceType(), "Connection", c.connection().keySet().isEmpty() ? "-"
                            : String.join(", ", c.connection().keySet()),
                    "Versions", String.valueOf(entry.versions()), "Runs", String.valueOf(entry.runs()), "Archived",
                    entry.archived() == null ? "no" : Output.time(entry.archived()));
            return OK;
        }
    }

    @Command(name = "create", description = "Create a component, from options or from --file (a component's JSON).",
            modelTransformer = DefinitionOptions.Wording.class)
    static final class CreateComponent extends AdminSubcommand implements DefinitionOptions.Worded {
        @Parameters(paramLabel = "ID", arity = "0..1")
        String id;

        @Option(names = "--name")
        String name;

        @Option(names = "--folder", paramLabel = "FOLDER")
        String folder;

        @Option(names = "--device-type", paramLabel = "DRIVER", description = "the id of the driver (airgap drivers)")
        String deviceType;

        @Mixin
        DefinitionOptions definition;

        @Override
        public DefinitionOptions.Help help() {
            return new DefinitionOptions.Help("a connection parameter (repeatable)", null,
                    "the whole component as JSON (as in an import file)");
        }

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            Component component = definition.definition(Component.class, Map.of(),
                    connection -> new Component(id, name, folder, deviceType, connection));
            Component created = server.postJson(Api.ADMIN_COMPONENTS, component, Component.class);
            PlantCalls.done(context, created, "Created component " + created.id() + " (" + created.deviceType()
                    + ") in folder " + created.folderId());
            return OK;
        }
    }

    @Command(name = "change", description = "Change a component's name, device type or connection parameters.",
            modelTransformer = DefinitionOptions.Wording.class)
    static final class ChangeComponent extends AdminSubcommand implements DefinitionOptions.Worded {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--name")
        String name;

        @Option(names = "--device-type", paramLabel = "DRIVER")
        String deviceType;

        @Mixin
        DefinitionOptions.Changing definition;

        @Override
        public DefinitionOptions.Help help() {
            return new DefinitionOptions.Help("set a connection parameter (repeatable)",
                    "remove a connection parameter (repeatable)", "the whole changed component as JSON");
        }

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            String path = PlantCalls.item(Api.ADMIN_COMPONENTS, id);
            Component stored = server.getJson(path, PlantComponent.class).component();
            Component changed = definition.definition(Component.class, stored.connection(),
                    connection -> new Component(id, name != null ? name : stored.name(), stored.folderId(),
                            deviceType != null ? deviceType : stored.deviceType(), connection));
            Component result = PlantCalls.put(server, path, changed, Component.class);
            PlantCalls.done(context, result, "Changed component " + result.id());
            return OK;
        }
    }

    @Command(name = "rename", description = "Give a component another name (its id stays).")
    static final class RenameComponent extends AdminSubcommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            String path = PlantCalls.item(Api.ADMIN_COMPONENTS, id);
            Component c = server.getJson(path, PlantComponent.class).component();
            Component renamed = PlantCalls.put(server, path, PlantCalls.model(() -> new Component(id, name, c.folderId(),
                    c.deviceType(), c.connection())), Component.class);
            PlantCalls.done(context, renamed, "Renamed component " + renamed.id() + " to \"" + renamed.name() + "\"");
            return OK;
        }
    }

    @Command(name = "move", description = "Move a component into another folder.")
    static final class MoveComponent extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--to", paramLabel = "FOLDER", required = true)
        String to;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            Component moved = server.postJson(PlantCalls.item(Api.ADMIN_COMPONENTS, id) + Api.MOVE_SUFFIX,
                    new PlantMove(to), Component.class);
            PlantCalls.done(context, moved, "Moved component " + moved.id() + " to folder " + moved.folderId());
            return OK;
        }
    }

    @Command(name = "delete", description = { "Delete a component. One with jobs, runs or versions is archived:"
            + " hidden from syncs and job lists, its versions kept, back with restore.",
            "--purge removes an archived component with its jobs, runs and versions (gc reclaims the space)." })
    static final class DeleteComponent extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--purge", description = "remove an archived component for good")
        boolean purge;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            PlantCalls.printDeletion(context, PlantCalls.delete(server, PlantCalls.item(Api.ADMIN_COMPONENTS, id)
                    + (purge ? "?purge=true" : "")));
            return OK;
        }
    }

    @Command(name = "restore", description = "Bring an archived component back, with its jobs.")
    static final class RestoreComponent extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            Component restored = server.postJson(PlantCalls.item(Api.ADMIN_COMPONENTS, id) + Api.RESTORE_SUFFIX, null,
                    Component.class);
            PlantCalls.done(context, restored, "Restored component " + restored.id());
            return OK;
        }
    }
}
