package org.airgap.client.forms.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.client.forms.DriverInfo;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;

/**
 * Which of the driver's problems a form refuses. A run gives the driver the component's connection with the
 * job's parameters over it (JobSetup in the runner), and descriptors do not say which parameter belongs where:
 * so a component's form refuses what is wrong with the values it gives, and leaves what is missing to its jobs;
 * a job's form checks the merged set as the run will. Messages never carry a secret's value.
 */
public final class FormRules {

    /**
     * @param blocking   problems the form refuses, each naming its parameter
     * @param leftToJobs problems of parameters the component leaves empty: every job must give them
     */
    public record Outcome(List<ParameterProblem> blocking, List<ParameterProblem> leftToJobs) {
        public Outcome {
            blocking = List.copyOf(blocking);
            leftToJobs = List.copyOf(leftToJobs);
        }
    }

    private FormRules() {
    }

    /** A component's connection checked on its own. */
    public static Outcome connection(DriverInfo driver, Map<String, String> values) {
        List<ParameterProblem> blocking = new ArrayList<>();
        List<ParameterProblem> leftToJobs = new ArrayList<>();
        for (ParameterProblem problem : driver.validate(values)) {
            ParameterProblem shown = redacted(problem, driver.parameters(), values);
            String value = values.get(problem.parameter());
            (value == null || value.isBlank() ? leftToJobs : blocking).add(shown);
        }
        return new Outcome(blocking, leftToJobs);
    }

    /** A job's parameters over its component's connection, checked as a run checks them. */
    public static Outcome job(DriverInfo driver, Map<String, String> connection, Map<String, String> values) {
        Map<String, String> merged = merged(connection, values);
        List<ParameterProblem> blocking = new ArrayList<>();
        for (ParameterProblem problem : driver.validate(merged)) {
            blocking.add(redacted(problem, driver.parameters(), merged));
        }
        return new Outcome(blocking, List.of());
    }

    /** The component's connection with the job's values over it (blank job values do not count). */
    public static Map<String, String> merged(Map<String, String> connection, Map<String, String> values) {
        Map<String, String> merged = new HashMap<>(connection);
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                merged.put(name, value);
            }
        });
        return merged;
    }

    /** The problem with every secret value of {@code values} replaced by asterisks, should a driver quote one. */
    static ParameterProblem redacted(ParameterProblem problem, List<ParameterDescriptor> descriptors,
            Map<String, String> values) {
        String message = problem.message();
        for (ParameterDescriptor descriptor : descriptors) {
            String value = values.get(descriptor.name());
            if (descriptor.secret() && value != null && !value.isBlank()) {
                message = message.replace(value, "******");
                message = message.replace(value.trim(), "******");
            }
        }
        return message.equals(problem.message()) ? problem : new ParameterProblem(problem.parameter(), message);
    }
}
