package org.airgap.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.function.Function;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code airgap admin components|jobs create} that give the definition sent (a picocli
 * mixin): {@code --param KEY=VALUE} (repeatable) or the whole definition with {@code --file JSON};
 * {@link Changing} adds {@code --remove-param KEY} for {@code change}. The commands word the help for their
 * kind ("connection parameter", "driver parameter"): they implement {@link Worded}, and {@link Wording}
 * (their model transformer) gives the options those texts.
 */
class DefinitionOptions {

    @Option(names = "--param", paramLabel = "KEY=VALUE", descriptionKey = Help.PARAM)
    List<String> parameters = new ArrayList<>();

    @Option(names = "--file", paramLabel = "JSON", descriptionKey = Help.FILE)
    Path file;

    /** The parameters {@code --remove-param} names: none on create. */
    List<String> removed() {
        return List.of();
    }

    /**
     * The definition: read from {@code --file}, else made by {@code build} from the {@code stored} parameters
     * (none on create) with {@code --param} set and {@code --remove-param} removed.
     */
    <T> T definition(Class<T> type, Map<String, String> stored, Function<Map<String, String>, T> build)
            throws CommandException {
        if (file != null) {
            return PlantCalls.file(file, type);
        }
        Map<String, String> merged = PlantCalls.parameters(stored, parameters, removed());
        return PlantCalls.model(() -> build.apply(merged));
    }

    /** On change: a parameter can be removed too. */
    static final class Changing extends DefinitionOptions {
        @Option(names = "--remove-param", paramLabel = "KEY", descriptionKey = Help.REMOVE_PARAM)
        List<String> removedParameters = new ArrayList<>();

        @Override
        List<String> removed() {
            return removedParameters;
        }
    }

    /**
     * The help texts of the options for one command.
     *
     * @param removeParam {@code null} on create, which has no {@code --remove-param}
     */
    record Help(String param, String removeParam, String file) {
        static final String PARAM = "definition.param";
        static final String REMOVE_PARAM = "definition.remove-param";
        static final String FILE = "definition.file";
    }

    /** A command with these options: its help texts for them. */
    interface Worded {
        Help help();
    }

    /**
     * Gives the options the texts of the command they are mixed into, as that command's resource bundle.
     * picocli applies model transformers when a command line is constructed, to the whole tree below it:
     * {@link AirgapCommand} therefore adds each command as a command line of its own.
     */
    static final class Wording implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            Help help = ((Worded) command.userObject()).help();
            command.resourceBundle(new ListResourceBundle() {
                @Override
                protected Object[][] getContents() {
                    return new Object[][] { { Help.PARAM, help.param() },
                            { Help.REMOVE_PARAM, help.removeParam() == null ? "" : help.removeParam() },
                            { Help.FILE, help.file() } };
                }
            });
            return command;
        }
    }
}
