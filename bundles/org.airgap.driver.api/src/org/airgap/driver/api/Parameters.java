package org.airgap.driver.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's parameters read against a driver's {@link ParameterDescriptor}s: defaults applied, values
 * typed. {@link #validate} does the checks every driver needs, so that drivers only add their own;
 * {@link #get} reads a value through its {@link Parameter} (see {@link DriverParameters}).
 */
public final class Parameters {

    private final Map<String, ParameterDescriptor> descriptors = new LinkedHashMap<>();
    private final Map<String, String> values;

    public Parameters(List<ParameterDescriptor> descriptors, Map<String, String> values) {
        for (ParameterDescriptor descriptor : descriptors) {
            this.descriptors.put(descriptor.name(), descriptor);
        }
        this.values = Map.copyOf(values);
    }

    /**
     * Problems of a parameter set: unknown names, missing required values, values that are not of their
     * type or out of range or choices. Each names the parameter.
     */
    public static List<ParameterProblem> validate(List<ParameterDescriptor> descriptors, Map<String, String> values) {
        Parameters parameters = new Parameters(descriptors, values);
        List<ParameterProblem> problems = new ArrayList<>();
        for (String name : values.keySet()) {
            if (!parameters.descriptors.containsKey(name)) {
                problems.add(new ParameterProblem(name, name + ": unknown parameter (known: "
                        + String.join(", ", parameters.descriptors.keySet()) + ")"));
            }
        }
        for (ParameterDescriptor descriptor : descriptors) {
            String value = parameters.raw(descriptor.name());
            if (value == null || value.isBlank()) {
                if (descriptor.required()) {
                    problems.add(new ParameterProblem(descriptor.name(), descriptor.name() + ": required"));
                }
                continue;
            }
            String problem = typeProblem(descriptor, value.trim());
            if (problem != null) {
                problems.add(new ParameterProblem(descriptor.name(), descriptor.name() + ": " + problem));
            }
        }
        return problems;
    }

    /** What is wrong with a (trimmed) value for its descriptor's type, without the name; {@code null} when nothing. */
    static String typeProblem(ParameterDescriptor descriptor, String value) {
        switch (descriptor.type()) {
        case INTEGER -> {
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                return "must be a whole number" + range(descriptor) + ", not '" + value + "'";
            }
            if (descriptor.minimum() != null && number < descriptor.minimum()
                    || descriptor.maximum() != null && number > descriptor.maximum()) {
                return "must be a whole number" + range(descriptor) + ", not " + number;
            }
        }
        case BOOLEAN -> {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                return "must be true or false, not '" + value + "'";
            }
        }
        case DURATION -> {
            if (parseDuration(value) == null) {
                return "must be a duration such as PT5S or a number of milliseconds, not '" + value + "'";
            }
        }
        case CHOICE -> {
            if (!descriptor.choices().contains(value)) {
                return "must be one of " + String.join(", ", descriptor.choices()) + ", not '" + value + "'";
            }
        }
        case HOST -> {
            if (!value.matches("[A-Za-z0-9.:\\[\\]%_-]+")) {
                return "not a host name or IP address: '" + value + "'";
            }
        }
        default -> {
            // TEXT, LIST, PATH: any text
        }
        }
        return null;
    }

    private static String range(ParameterDescriptor descriptor) {
        if (descriptor.minimum() != null && descriptor.maximum() != null) {
            return " from " + descriptor.minimum() + " to " + descriptor.maximum();
        }
        return descriptor.minimum() != null ? " of at least " + descriptor.minimum()
                : descriptor.maximum() != null ? " of at most " + descriptor.maximum() : "";
    }

    static Duration parseDuration(String value) {
        try {
            return value.matches("[0-9]+") ? Duration.ofMillis(Long.parseLong(value)) : Duration.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** The value as given, else the default; {@code null} when neither. */
    public String raw(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            ParameterDescriptor descriptor = descriptors.get(name);
            return descriptor == null ? null : descriptor.defaultValue();
        }
        return value.trim();
    }

    /**
     * The typed value of a parameter: given, else its default, else {@code null} (an empty list for a list).
     *
     * @throws IllegalArgumentException naming the parameter when the value is not valid (validate first)
     * @since 0.2
     */
    public <T> T get(Parameter<T> parameter) {
        String value = values.get(parameter.name());
        String text = value == null || value.isBlank() ? parameter.descriptor().defaultValue() : value.trim();
        try {
            return parameter.read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(parameter.name() + ": " + e.getMessage()
                    + " (validate the parameters first)", e);
        }
    }

    public String text(String name) {
        return raw(name);
    }

    public int integer(String name) {
        return Integer.parseInt(required(name));
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(required(name));
    }

    public Duration duration(String name) {
        return parseDuration(required(name));
    }

    /** A list parameter's values, split at commas and new lines, trimmed, empty ones dropped. */
    public List<String> list(String name) {
        String value = raw(name);
        return value == null ? List.of()
                : Arrays.stream(value.split("[,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String required(String name) {
        String value = raw(name);
        if (value == null) {
            throw new IllegalArgumentException(name + ": required (validate the parameters first)");
        }
        return value;
    }

    /** The values for a log line or a form: secrets replaced by "******". */
    public Map<String, String> redacted() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (ParameterDescriptor descriptor : descriptors.values()) {
            String value = raw(descriptor.name());
            if (value != null) {
                shown.put(descriptor.name(), descriptor.secret() ? "******" : value);
            }
        }
        return shown;
    }
}
