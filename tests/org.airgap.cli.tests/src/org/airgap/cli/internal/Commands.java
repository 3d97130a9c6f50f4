package org.airgap.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Runs airgap commands in this framework as bin/airgap would, on one workspace, capturing the output. */
final class Commands {

    record Result(int exitCode, String out, String err) {
        JsonObject json() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    private final Path workspace;

    Commands(Path workspace) {
        this.workspace = workspace;
    }

    /** Exactly these arguments, {@code stdin} as standard input. */
    static Result cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLineApplication(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A command on this workspace; the global option before the command or, for variety, after it. */
    Result airgap(String... args) {
        return airgapWithInput("", args);
    }

    Result airgapWithInput(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.size() % 2 == 0) {
            all.addAll(0, List.of("--workspace", workspace.toString()));
        } else {
            all.add("--workspace=" + workspace);
        }
        return cli(stdin, all.toArray(String[]::new));
    }

    static void assertExit(int expected, Result result) {
        assertEquals(expected, result.exitCode(), "stdout:\n" + result.out() + "\nstderr:\n" + result.err());
    }
}
