package org.airgap.platform.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/** Gson from the target platform maps records (of this bundle) to JSON and back under OSGi. */
class GsonTest {

    record FileEntry(String path, long size, String sha256) {
    }

    record DeviceBackup(String device, int port, boolean changed, List<FileEntry> files, Map<String, Integer> counters) {
    }

    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();

    @Test
    void recordSurvivesARoundTrip() {
        DeviceBackup backup = new DeviceBackup("plc-7 <line 3>", 502, true,
                List.of(new FileEntry("program/main.bin", 4096, "9f86d081884c7d65"),
                        new FileEntry("config/ä-ö.txt", 17, "2c26b46b68ffc68f")),
                Map.of("holdingRegisters", 125, "coils", 8));

        String json = gson.toJson(backup);
        JsonObject tree = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("plc-7 <line 3>", tree.get("device").getAsString(), json);
        assertEquals(2, tree.getAsJsonArray("files").size(), json);
        assertEquals(4096, tree.getAsJsonArray("files").get(0).getAsJsonObject().get("size").getAsLong(), json);

        assertEquals(backup, gson.fromJson(json, DeviceBackup.class));
    }

    @Test
    void genericListWithTypeToken() {
        List<FileEntry> files = List.of(new FileEntry("a", 1, "x"), new FileEntry("b/c", 2, "y"));
        Type listOfEntries = new TypeToken<List<FileEntry>>() { }.getType();

        List<FileEntry> read = gson.fromJson(gson.toJson(files, listOfEntries), listOfEntries);

        assertEquals(files, read);
        assertEquals(FileEntry.class, read.get(1).getClass());
    }
}
