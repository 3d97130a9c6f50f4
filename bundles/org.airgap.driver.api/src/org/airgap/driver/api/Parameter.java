package org.airgap.driver.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One parameter of a driver, declared once: its {@link ParameterDescriptor} for forms and its typed value
 * for the driver. Built with the factory of its kind, for example
 *
 * <pre>
 * static final Parameter&lt;Integer&gt; PORT = Parameter.integer("port").label("Port")
 *         .description("TCP port of the device.").defaultValue(502).range(1, 65535).build();
 * </pre>
 *
 * and read with {@link Parameters#get}. {@link Builder#map} turns the value into the driver's own type and
 * is the parameter's own check, so that a value is checked and parsed by the same code.
 *
 * @param <T> the value's type
 * @since 0.2
 */
public final class Parameter<T> {

    private final ParameterDescriptor descriptor;
    private final Function<String, T> reader;

    private Parameter(ParameterDescriptor descriptor, Function<String, T> reader) {
        this.descriptor = descriptor;
        this.reader = reader;
    }

    /** Free text. */
    public static Builder<String> text(String name) {
        return new Builder<>(name, ParameterType.TEXT, text -> text, Object::toString);
    }

    /** A host name or IP address. */
    public static Builder<String> host(String name) {
        return new Builder<>(name, ParameterType.HOST, text -> text, Object::toString);
    }

    /** A path on the device or on this computer, as text (a device's paths need not be this computer's). */
    public static Builder<String> path(String name) {
        return new Builder<>(name, ParameterType.PATH, text -> text, Object::toString);
    }

    /** A whole number; bound it with {@link Builder#range}. */
    public static Builder<Integer> integer(String name) {
        return new Builder<>(name, ParameterType.INTEGER, Integer::valueOf, Object::toString);
    }

    /** "true" or "false". */
    public static Builder<Boolean> bool(String name) {
        return new Builder<>(name, ParameterType.BOOLEAN, Boolean::valueOf, Object::toString);
    }

    /** A duration, written in ISO-8601 (PT5S) or as milliseconds. */
    public static Builder<Duration> duration(String name) {
        return new Builder<>(name, ParameterType.DURATION, Parameters::parseDuration, Object::toString);
    }

    /** One of {@code choices}. */
    public static Builder<String> choice(String name, String... choices) {
        Builder<String> builder = new Builder<>(name, ParameterType.CHOICE, text -> text, Object::toString);
        builder.choices = List.of(choices);
        return builder;
    }

    /** Values separated by commas or new lines, trimmed, empty ones dropped; an empty list when none is given. */
    public static Builder<List<String>> list(String name) {
        return new Builder<>(name, ParameterType.LIST, Parameter::items, values -> String.join(", ", values));
    }

    private static List<String> items(String text) {
        return Arrays.stream(text.split("[,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String name() {
        return descriptor.name();
    }

    public ParameterDescriptor descriptor() {
        return descriptor;
    }

    /**
     * The typed value of a text (trimmed, or {@code null} when neither given nor defaulted): {@code null}
     * for a missing value, except that a missing list is an empty one.
     *
     * @throws IllegalArgumentException saying what is wrong, without the parameter's name
     */
    T read(String text) {
        if (text == null) {
            return descriptor.type() == ParameterType.LIST ? reader.apply("") : null;
        }
        String problem = Parameters.typeProblem(descriptor, text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return reader.apply(text);
    }

    @Override
    public String toString() {
        return "Parameter " + name();
    }

    /**
     * Builds a {@link Parameter}; every setting is optional.
     *
     * @param <T> the value's type
     */
    public static final class Builder<T> {

        private final String name;
        private final ParameterType type;
        private final Function<String, T> reader;
        /** How a typed default is written as text; {@code null} after {@link #map}. */
        private final Function<? super T, String> format;
        private String label;
        private String description;
        private boolean required;
        private String defaultText;
        private boolean secret;
        private List<String> choices = List.of();
        private Long minimum;
        private Long maximum;

        private Builder(String name, ParameterType type, Function<String, T> reader, Function<? super T, String> format) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = type;
            this.reader = reader;
            this.format = format;
        }

        /** What forms show; the name when not set. */
        public Builder<T> label(String text) {
            this.label = text;
            return this;
        }

        /** One or two sentences for the technician. */
        public Builder<T> description(String text) {
            this.description = text;
            return this;
        }

        /** A job must give a value (a default counts as given). */
        public Builder<T> required() {
            this.required = true;
            return this;
        }

        /** The value when a job gives none. Set it before {@link #map}. */
        public Builder<T> defaultValue(T value) {
            if (format == null) {
                throw new IllegalStateException(name + ": give the default before map()");
            }
            this.defaultText = format.apply(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A password or key: never logged, shown or exported in clear. */
        public Builder<T> secret() {
            this.secret = true;
            return this;
        }

        /** The smallest and largest allowed value of an {@link #integer} parameter. */
        public Builder<T> range(long min, long max) {
            if (type != ParameterType.INTEGER) {
                throw new IllegalStateException(name + ": only whole numbers have a range");
            }
            this.minimum = min;
            this.maximum = max;
            return this;
        }

        /**
         * Turns the value into the driver's type, checking it: {@code conversion} throws an
         * IllegalArgumentException saying what is wrong (without the parameter's name, e.g. "'0-70000':
         * addresses go from 0 to 65535"); {@link DriverParameters#validate} reports it as the parameter's
         * problem. It is given only values that passed the kind's own checks (and the empty list for a
         * missing list).
         */
        public <R> Builder<R> map(Function<? super T, ? extends R> conversion) {
            Function<String, T> base = reader;
            Builder<R> mapped = new Builder<>(name, type, text -> conversion.apply(base.apply(text)), null);
            mapped.label = label;
            mapped.description = description;
            mapped.required = required;
            mapped.defaultText = defaultText;
            mapped.secret = secret;
            mapped.choices = choices;
            mapped.minimum = minimum;
            mapped.maximum = maximum;
            return mapped;
        }

        public Parameter<T> build() {
            return new Parameter<>(new ParameterDescriptor(name, label, type, required, defaultText, description, secret,
                    choices, minimum, maximum), reader);
        }
    }
}
