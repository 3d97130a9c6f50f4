package org.airgap.client.plugins.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.ParameterDescriptor;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * A snapshot of the running bundles and the Declarative Services components each provides, read
 * from the framework and from SCR's runtime introspection. No UI: the part shows it, tests read it.
 */
public final class PluginInventory {

    /** One DS component of a bundle. */
    public record ComponentRow(String name, String state, List<String> services) {
    }

    /** One device driver service: what a vendor checks after installing a driver plugin. */
    public record DriverRow(String id, String name, String vendor, String bundle, String parameters) {
    }

    /** One installed bundle and its components. */
    public record BundleRow(String symbolicName, String version, String state, String name,
            List<ComponentRow> components) {
    }

    private PluginInventory() {
    }

    /** Reads the current state; {@code scr} may be null when SCR is not running. */
    public static List<BundleRow> read(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = reference == null ? null : context.getService(reference);
        try {
            List<BundleRow> rows = new ArrayList<>();
            for (Bundle bundle : context.getBundles()) {
                rows.add(new BundleRow(String.valueOf(bundle.getSymbolicName()), bundle.getVersion().toString(),
                        bundleState(bundle.getState()), bundle.getHeaders("").get("Bundle-Name"),
                        scr == null ? List.of() : components(scr, bundle)));
            }
            rows.sort(Comparator.comparing(BundleRow::symbolicName));
            return rows;
        } finally {
            if (scr != null) {
                context.ungetService(reference);
            }
        }
    }

    /** The registered device drivers, by id, with a summary of their parameters ("host*" = required). */
    public static List<DriverRow> drivers(BundleContext context) {
        List<DriverRow> rows = new ArrayList<>();
        Collection<ServiceReference<DeviceDriver>> references;
        try {
            references = context.getServiceReferences(DeviceDriver.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<DeviceDriver> reference : references) {
            DeviceDriver driver = context.getService(reference);
            if (driver == null) {
                continue;
            }
            try {
                String parameters = driver.parameters().stream().map(PluginInventory::describe)
                        .collect(Collectors.joining(", "));
                Bundle bundle = reference.getBundle();
                rows.add(new DriverRow(String.valueOf(reference.getProperty(DeviceDriver.ID)),
                        String.valueOf(reference.getProperty(DeviceDriver.NAME)),
                        String.valueOf(reference.getProperty(DeviceDriver.VENDOR)),
                        bundle == null ? "" : bundle.getSymbolicName() + " " + bundle.getVersion(), parameters));
            } finally {
                context.ungetService(reference);
            }
        }
        rows.sort(Comparator.comparing(DriverRow::id));
        return rows;
    }

    private static String describe(ParameterDescriptor parameter) {
        String text = parameter.name() + (parameter.required() ? "*" : "");
        if (parameter.secret()) {
            return text + " (secret)";
        }
        return parameter.defaultValue() == null ? text : text + "=" + parameter.defaultValue();
    }

    private static List<ComponentRow> components(ServiceComponentRuntime scr, Bundle bundle) {
        List<ComponentRow> rows = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            rows.add(new ComponentRow(description.name, componentState(scr, description),
                    Arrays.asList(description.serviceInterfaces)));
        }
        rows.sort(Comparator.comparing(ComponentRow::name));
        return rows;
    }

    private static String componentState(ServiceComponentRuntime scr, ComponentDescriptionDTO description) {
        if (!scr.isComponentEnabled(description)) {
            return "disabled";
        }
        // Worst configuration state wins: one failed configuration is what a vendor needs to see.
        String state = "not started";
        int rank = -1;
        for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
            String name = configurationState(configuration.state);
            int configurationRank = switch (configuration.state) {
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> 4;
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION, ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> 3;
            case ComponentConfigurationDTO.SATISFIED -> 2;
            default -> 1;
            };
            if (configurationRank > rank) {
                rank = configurationRank;
                state = name;
            }
        }
        return state;
    }

    static String configurationState(int state) {
        return switch (state) {
        case ComponentConfigurationDTO.ACTIVE -> "active";
        case ComponentConfigurationDTO.SATISFIED -> "satisfied";
        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied reference";
        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied configuration";
        case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed activation";
        default -> "unknown (" + state + ")";
        };
    }

    static String bundleState(int state) {
        return switch (state) {
        case Bundle.ACTIVE -> "ACTIVE";
        case Bundle.RESOLVED -> "RESOLVED";
        case Bundle.STARTING -> "STARTING (lazy)";
        case Bundle.STOPPING -> "STOPPING";
        case Bundle.INSTALLED -> "INSTALLED (unresolved)";
        default -> "UNINSTALLED";
        };
    }
}
