package org.airgap.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into the command, its own arguments and the global options, which may stand
 * anywhere: {@code --workspace DIR} (or {@code --workspace=DIR}) and {@code --json}.
 *
 * @param command   the command, {@code null} when there is none
 * @param arguments the command's own arguments, in order
 * @param workspace the workspace folder given with --workspace, absolute; {@code null} when not given
 * @param json      whether machine-readable JSON was asked for
 */
record Invocation(String command, List<String> arguments, Path workspace, boolean json) {

    static final String WORKSPACE_OPTION = "--workspace";
    static final String JSON_OPTION = "--json";

    Invocation {
        arguments = List.copyOf(arguments);
    }

    private static CommandException missingFolder() {
        return CommandException.usage(WORKSPACE_OPTION + " needs a folder, for example --workspace ~/plant-a");
    }

    static Invocation parse(List<String> args) throws CommandException {
        List<String> rest = new ArrayList<>();
        Path workspace = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String folder = null;
            if (arg.equals(WORKSPACE_OPTION)) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw missingFolder();
                }
                folder = args.get(++i);
            } else if (arg.startsWith(WORKSPACE_OPTION + "=")) {
                folder = arg.substring(WORKSPACE_OPTION.length() + 1);
                if (folder.isBlank()) {
                    throw missingFolder();
                }
            } else if (arg.equals(JSON_OPTION)) {
                json = true;
            } else {
                rest.add(arg);
            }
            if (folder != null) {
                if (workspace != null) {
                    throw CommandException.usage(WORKSPACE_OPTION + " is given twice");
                }
                workspace = Path.of(folder).toAbsolutePath().normalize();
            }
        }
        String command = rest.isEmpty() ? null : rest.get(0);
        return new Invocation(command, rest.isEmpty() ? List.of() : rest.subList(1, rest.size()), workspace, json);
    }
}
