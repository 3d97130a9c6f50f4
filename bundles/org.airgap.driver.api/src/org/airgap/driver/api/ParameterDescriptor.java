package org.airgap.driver.api;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a driver.
 *
 * @param name         the key in the job's parameters, e.g. "host"
 * @param label        what forms show, e.g. "Host"
 * @param type         how the value is read
 * @param required     whether a job must give it (a default counts as given)
 * @param defaultValue the value when a job gives none, or {@code null}
 * @param description  one or two sentences for the technician
 * @param secret       a password or key: never logged, shown or exported in clear
 * @param choices      the allowed values of a {@link ParameterType#CHOICE}; empty otherwise
 * @param minimum      the smallest allowed value of an {@link ParameterType#INTEGER}, or {@code null}
 * @param maximum      the largest allowed value of an {@link ParameterType#INTEGER}, or {@code null}
 */
public record ParameterDescriptor(String name, String label, ParameterType type, boolean required,
        String defaultValue, String description, boolean secret, List<String> choices, Long minimum, Long maximum) {

    public ParameterDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        label = label == null ? name : label;
        description = description == null ? "" : description;
        choices = List.copyOf(choices == null ? List.of() : choices);
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter " + name + " needs choices");
        }
    }

    /** An optional parameter; refine it with {@link #mandatory()}, {@link #hidden()} and the {@code with…} methods. */
    public static ParameterDescriptor of(String name, String label, ParameterType type, String description) {
        return new ParameterDescriptor(name, label, type, false, null, description, false, List.of(), null, null);
    }

    /** A {@link ParameterType#CHOICE} parameter with its allowed values. */
    public static ParameterDescriptor choice(String name, String label, String description, String... choices) {
        return new ParameterDescriptor(name, label, ParameterType.CHOICE, false, null, description, false,
                List.of(choices), null, null);
    }

    public ParameterDescriptor mandatory() {
        return new ParameterDescriptor(name, label, type, true, defaultValue, description, secret, choices, minimum, maximum);
    }

    public ParameterDescriptor withDefault(String value) {
        return new ParameterDescriptor(name, label, type, required, value, description, secret, choices, minimum, maximum);
    }

    public ParameterDescriptor hidden() {
        return new ParameterDescriptor(name, label, type, required, defaultValue, description, true, choices, minimum, maximum);
    }

    public ParameterDescriptor withRange(long min, long max) {
        return new ParameterDescriptor(name, label, type, required, defaultValue, description, secret, choices, min, max);
    }

    public ParameterDescriptor withChoices(String... values) {
        return new ParameterDescriptor(name, label, type, required, defaultValue, description, secret, List.of(values),
                minimum, maximum);
    }
}
