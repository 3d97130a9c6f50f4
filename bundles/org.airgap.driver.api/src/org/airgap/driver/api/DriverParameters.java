package org.airgap.driver.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All parameters of a driver, in display order: what {@link DeviceDriver#parameters()} returns, the checks
 * of {@link DeviceDriver#validate} that concern one parameter at a time, and the typed values of a job.
 *
 * <pre>
 * static final DriverParameters PARAMETERS = DriverParameters.of(HOST, PORT, PATHS);
 *
 * public List&lt;ParameterProblem&gt; validate(Map&lt;String, String&gt; values) {
 *     List&lt;ParameterProblem&gt; problems = PARAMETERS.validate(values);
 *     // checks across parameters, if any
 *     return problems;
 * }
 * </pre>
 *
 * @since 0.2
 */
public final class DriverParameters {

    private final List<Parameter<?>> parameters;
    private final List<ParameterDescriptor> descriptors;

    private DriverParameters(List<Parameter<?>> parameters) {
        this.parameters = List.copyOf(parameters);
        this.descriptors = this.parameters.stream().<ParameterDescriptor>map(Parameter::descriptor).toList();
        Set<String> names = new HashSet<>();
        for (Parameter<?> parameter : this.parameters) {
            if (!names.add(parameter.name())) {
                throw new IllegalArgumentException("parameter " + parameter.name() + " declared twice");
            }
        }
    }

    public static DriverParameters of(Parameter<?>... parameters) {
        return new DriverParameters(List.of(parameters));
    }

    /** The descriptors, for {@link DeviceDriver#parameters()}. */
    public List<ParameterDescriptor> descriptors() {
        return descriptors;
    }

    /**
     * Problems of a parameter set, each naming its parameter: those of {@link Parameters#validate} (unknown
     * names, missing required values, wrong types, ranges and choices), then what each parameter's own
     * {@link Parameter.Builder#map conversion} refuses.
     */
    public List<ParameterProblem> validate(Map<String, String> values) {
        List<ParameterProblem> problems = new ArrayList<>(Parameters.validate(descriptors, values));
        Parameters typed = values(values);
        for (Parameter<?> parameter : parameters) {
            if (problems.stream().anyMatch(problem -> problem.parameter().equals(parameter.name()))) {
                continue;
            }
            try {
                parameter.read(typed.raw(parameter.name()));
            } catch (IllegalArgumentException e) {
                problems.add(new ParameterProblem(parameter.name(), parameter.name() + ": " + e.getMessage()));
            }
        }
        return problems;
    }

    /** A job's values, typed through {@link Parameters#get}; defaults applied, nothing checked. */
    public Parameters values(Map<String, String> values) {
        return new Parameters(descriptors, values);
    }

    /**
     * A job's values once the driver's validation found nothing: the API promises drivers validated
     * parameters, so a caller that skipped validation is a programming error.
     *
     * @param problems what the driver's {@link DeviceDriver#validate} said about {@code values}
     * @throws IllegalArgumentException listing the problems when there are any
     */
    public Parameters validValues(Map<String, String> values, List<ParameterProblem> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters (validate them first): "
                    + problems.stream().map(ParameterProblem::message).toList());
        }
        return values(values);
    }
}
