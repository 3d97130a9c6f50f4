package org.airgap.client.plugins.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
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
