package org.airgap.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airgap admin components|jobs create|change} share their {@code --param}, {@code --remove-param} and
 * {@code --file} options ({@link DefinitionOptions}): the definition they make, and each command's help, which
 * still words them for its kind (only {@code change} has {@code --remove-param}).
 */
class DefinitionOptionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CommandLineApplication cli = new CommandLineApplication(InputStream.nullInputStream(),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8));

    private String help(String... command) {
        out.reset();
        List<String> args = new ArrayList<>(List.of("admin"));
        args.addAll(List.of(command));
        args.add("--help");
        assertEquals(CommandLineApplication.OK, cli.run(args));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void option(String help, String option, String text) {
        assertTrue(Pattern.compile(Pattern.quote(option) + " +" + Pattern.quote(text)).matcher(help).find(),
                option + " " + text + " in\n" + help);
    }

    @Test
    void theParametersAreTheStoredOnesWithParamSetAndRemoveParamRemoved() throws CommandException {
        DefinitionOptions.Changing options = new DefinitionOptions.Changing();
        options.parameters = List.of("host=10.0.0.8", "unit=2");
        options.removedParameters = List.of("port");
        Component changed = options.definition(Component.class, Map.of("host", "10.0.0.7", "port", "502"),
                connection -> new Component("plc-7", "PLC 7", "plant", "modbus-tcp", connection));
        assertEquals(Map.of("host", "10.0.0.8", "unit", "2"), changed.connection());
    }

    @Test
    void aBadParamOrAParameterThatIsNotThereIsAUsageError() {
        DefinitionOptions.Changing options = new DefinitionOptions.Changing();
        options.parameters = List.of("host");
        CommandException refused = assertThrows(CommandException.class,
                () -> options.definition(Job.class, Map.of(), parameters -> null));
        assertEquals(CommandLineApplication.USAGE, refused.exitCode());
        assertEquals("--param needs key=value, not 'host'", refused.getMessage());
        options.parameters = List.of();
        options.removedParameters = List.of("port");
        refused = assertThrows(CommandException.class, () -> options.definition(Job.class, Map.of(), p -> null));
        assertTrue(refused.getMessage().startsWith("--remove-param port: there is no parameter port"),
                refused.getMessage());
    }

    @Test
    void aFileGivesTheWholeDefinitionAndTheOtherOptionsAreNotUsed(@TempDir Path folder) throws Exception {
        Component inFile = new Component("plc-7", "PLC 7", "plant", "modbus-tcp", Map.of("host", "10.0.0.7"));
        DefinitionOptions options = new DefinitionOptions();
        options.file = Files.writeString(folder.resolve("plc-7.json"), ProtocolJson.write(inFile));
        options.parameters = List.of("host=10.0.0.9");
        assertEquals(inFile, options.definition(Component.class, Map.of(), connection -> {
            throw new AssertionError("built from options although --file was given");
        }));
        options.file = folder.resolve("missing.json");
        assertEquals("no file " + options.file, assertThrows(CommandException.class,
                () -> options.definition(Component.class, Map.of(), connection -> null)).getMessage());
    }

    /** The help of {@code create} and {@code change} of a group, whose parameters are {@code kind} parameters. */
    private void worded(String group, String kind, String createFile, String changeFile) {
        String create = help(group, "create");
        option(create, "--param=KEY=VALUE", "a " + kind + " parameter (repeatable)");
        option(create, "--file=JSON", createFile);
        assertFalse(create.contains("--remove-param"), create);

        String change = help(group, "change");
        option(change, "--param=KEY=VALUE", "set a " + kind + " parameter (repeatable)");
        option(change, "--remove-param=KEY", "remove a " + kind + " parameter (repeatable)");
        option(change, "--file=JSON", changeFile);
    }

    @Test
    void componentsCreateAndChangeWordTheirOptionsForConnectionParameters() {
        worded("components", "connection", "the whole component as JSON (as in an import file)",
                "the whole changed component as JSON");
    }

    @Test
    void jobsCreateAndChangeWordTheirOptionsForDriverParameters() {
        worded("jobs", "driver", "the whole job as JSON", "the whole changed job as JSON");
        option(help("jobs", "create"), "--option=NAME=VALUE", "a job option by its JSON name (repeatable)");
    }
}
