package org.airgap.client.forms;

import java.util.Map;
import java.util.Objects;

import org.airgap.model.JobOptions;

/**
 * A job as its editor shows and returns it: plain values, no component (the tree knows it), no server call.
 *
 * @param id         the job's id ("" while a new one has none)
 * @param name       shown to users
 * @param parameters the driver parameters the job gives over its component's connection (defaults left out)
 * @param options    how it runs; the editor changes the documented options and keeps the others (ignore rules,
 *                   gentle mode) as they were
 */
public record JobDraft(String id, String name, Map<String, String> parameters, JobOptions options) {

    public JobDraft {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
        Objects.requireNonNull(options, "options");
    }
}
