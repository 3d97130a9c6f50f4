package org.airgap.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.airgap.protocol.Api;
import org.airgap.protocol.PlantDeletion;
import org.airgap.protocol.ProtocolJson;
import org.airgap.session.http.ServerClient;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * What the {@code airgap admin folders|components|jobs} commands share: the calls the session's client
 * has no helper for (PUT, DELETE), item paths, {@code --param key=value} and {@code --option name=value}
 * edits, {@code --file} bodies, and printing a deletion's outcome.
 */
final class PlantCalls {

    private PlantCalls() {
    }

    /** {@code base/<id>} with the id escaped as one path segment. */
    static String item(String base, String id) {
        return base + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static <T> T put(ServerClient server, String path, Object body, Class<T> type) throws IOException {
        return server.json(server.send(server.request(path).header("Content-Type", Api.JSON)
                .PUT(BodyPublishers.ofString(ProtocolJson.write(body))).build(), BodyHandlers.ofString()), type);
    }

    static PlantDeletion delete(ServerClient server, String path) throws IOException {
        return server.json(server.send(server.request(path).DELETE().build(), BodyHandlers.ofString()),
                PlantDeletion.class);
    }

    /** {@code parameters} with each {@code key=value} set and each of {@code removed} taken out, sorted by key. */
    static Map<String, String> parameters(Map<String, String> parameters, List<String> set, List<String> removed)
            throws CommandException {
        Map<String, String> result = new TreeMap<>(parameters);
        for (String pair : set) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw CommandException.usage("--param needs key=value, not '" + pair + "'");
            }
            result.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        for (String key : removed) {
            if (result.remove(key) == null) {
                throw CommandException.usage("--remove-param " + key + ": there is no parameter " + key);
            }
        }
        return result;
    }

    /**
     * {@code record} (a job) with each {@code name=value} set in the JSON object {@code field} ("options"),
     * read back and checked by the model; a value that is JSON (3, false, null, ["a"]) is taken as such,
     * anything else as text (PT30S).
     */
    static <T> T withFields(T record, Class<T> type, String field, List<String> assignments) throws CommandException {
        if (assignments.isEmpty()) {
            return record;
        }
        JsonObject json = JsonParser.parseString(ProtocolJson.write(record)).getAsJsonObject();
        JsonObject object = json.getAsJsonObject(field);
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw CommandException.usage("--option needs name=value, not '" + assignment + "'");
            }
            object.add(assignment.substring(0, equals), value(assignment.substring(equals + 1)));
        }
        return read(json.toString(), type, "--option");
    }

    private static JsonElement value(String text) {
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException notJson) {
            return new JsonPrimitive(text);
        }
    }

    /** The record in a JSON file (the form of an import file's item). */
    static <T> T file(Path file, Class<T> type) throws CommandException {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), type, file.toString());
        } catch (NoSuchFileException e) {
            throw CommandException.failed("no file " + file);
        } catch (IOException e) {
            throw CommandException.failed("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static <T> T read(String json, Class<T> type, String source) throws CommandException {
        try {
            return ProtocolJson.read(json, type);
        } catch (JsonParseException e) {
            throw CommandException.usage(source + ": " + e.getMessage());
        }
    }

    /** Builds a model record from the command line; its own checks' refusal is a usage error. */
    static <T> T model(Supplier<T> record) throws CommandException {
        try {
            return record.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw CommandException.usage(e.getMessage());
        }
    }

    static void printDeletion(CommandContext context, PlantDeletion deletion) {
        if (context.json) {
            Output.json(context.out, deletion);
        } else {
            context.out.println(deletion.message() + ".");
        }
    }

    /** What a change answered: the record with {@code --json}, else {@code sentence} and a full stop. */
    static void done(CommandContext context, Object record, String sentence) {
        if (context.json) {
            Output.json(context.out, record);
        } else {
            context.out.println(sentence + ".");
        }
    }

    /** A record as {@code --json} or as "label: value" lines. */
    static void print(CommandContext context, Object record, String... labelsAndValues) {
        PrintStream out = context.out;
        if (context.json) {
            Output.json(out, record);
            return;
        }
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            out.println(labelsAndValues[i] + ": " + labelsAndValues[i + 1]);
        }
    }
}
