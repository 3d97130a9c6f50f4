package org.airgap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.Version;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Model documents (docs/formats.md, "Domain model JSON") as a laptop's workspace, an export or the server
 * reads them. The input's first byte picks the record type and single document or list, the rest is the
 * document. What is read must write back to a document that reads as the same value.
 */
class ModelJsonFuzzTest {

    private static final List<Class<?>> TYPES = List.of(Folder.class, Component.class, Job.class, Run.class,
            Version.class, Baseline.class);

    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) throws ModelFormatException {
        if (input.length == 0) {
            return;
        }
        int selector = Byte.toUnsignedInt(input[0]) % (2 * TYPES.size());
        Class<?> type = TYPES.get(selector / 2);
        String json = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        if (selector % 2 == 0) {
            readOne(type, json);
        } else {
            readList(type, json);
        }
    }

    private static <T> void readOne(Class<T> type, String json) throws ModelFormatException {
        T value;
        try {
            value = ModelJson.read(type, json);
        } catch (ModelFormatException e) {
            Contract.requireMessage(e);
            return;
        }
        T again = ModelJson.read(type, ModelJson.write(value));
        if (!Objects.equals(value, again)) {
            throw new AssertionError("a " + type.getSimpleName() + " does not survive writing and reading: " + value
                    + " became " + again);
        }
    }

    private static <T> void readList(Class<T> type, String json) throws ModelFormatException {
        List<T> values;
        try {
            values = ModelJson.readList(type, json);
        } catch (ModelFormatException e) {
            Contract.requireMessage(e);
            return;
        }
        List<T> again = ModelJson.readList(type, ModelJson.writeList(type, values));
        if (!values.equals(again)) {
            throw new AssertionError("a list of " + type.getSimpleName() + " does not survive writing and reading");
        }
    }
}
