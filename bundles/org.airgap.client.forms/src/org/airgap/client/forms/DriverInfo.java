package org.airgap.client.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.Parameters;

/**
 * One installed driver as a form needs it.
 *
 * @param id         the device type components name, e.g. "modbus-tcp"
 * @param name       shown to people, e.g. "Modbus TCP"
 * @param vendor     who made it
 * @param parameters its parameter descriptors, in display order
 * @param validator  the driver's own {@code validate}
 */
public record DriverInfo(String id, String name, String vendor, List<ParameterDescriptor> parameters,
        Function<Map<String, String>, List<ParameterProblem>> validator) {

    public DriverInfo {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        vendor = vendor == null ? "" : vendor;
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(validator, "validator");
    }

    /**
     * The problems of a parameter set as the driver sees them: the generic checks of
     * {@link Parameters#validate} (a vendor's driver may skip them), then the driver's own problems not
     * already said. A driver that throws while validating yields one problem naming it, not a broken form.
     */
    public List<ParameterProblem> validate(Map<String, String> values) {
        List<ParameterProblem> problems = new ArrayList<>(Parameters.validate(parameters, values));
        List<ParameterProblem> own;
        try {
            own = validator.apply(Map.copyOf(values));
        } catch (RuntimeException e) {
            own = List.of(new ParameterProblem("", "The driver " + name + " failed to check the values ("
                    + e.getClass().getSimpleName() + "); its own checks were skipped."));
        }
        for (ParameterProblem problem : own == null ? List.<ParameterProblem>of() : own) {
            if (problems.stream().noneMatch(p -> p.message().equals(problem.message()))) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /** "Modbus TCP (modbus-tcp)". */
    public String title() {
        return name.equals(id) ? id : name + " (" + id + ")";
    }
}
