package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.ParameterDescriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import picocli.CommandLine.Command;

@Command(name = "drivers", description = "List the installed device drivers and their parameters.")
final class DriversCommand extends Subcommand {

    /** SCR registers the drivers as their bundles start: the first may need a moment. */
    private static final Duration FIRST_DRIVER_WAIT = Duration.ofSeconds(5);

    @Override
    public Integer call() {
        PrintStream out = airgap.console().out();
        BundleContext context = FrameworkUtil.getBundle(DriversCommand.class).getBundleContext();
        try (Services services = new Services()) {
            services.find(DeviceDriver.class, FIRST_DRIVER_WAIT);
            List<ServiceReference<DeviceDriver>> references = new ArrayList<>(
                    context.getServiceReferences(DeviceDriver.class, null));
            references.sort(Comparator.comparing(r -> String.valueOf(r.getProperty(DeviceDriver.ID))));
            if (references.isEmpty()) {
                out.println("No device drivers are installed.");
            }
            for (ServiceReference<DeviceDriver> reference : references) {
                DeviceDriver driver = context.getService(reference);
                if (driver == null) {
                    continue;
                }
                try {
                    out.println(reference.getProperty(DeviceDriver.ID) + "\t" + reference.getProperty(DeviceDriver.NAME)
                            + "\t" + reference.getProperty(DeviceDriver.VENDOR) + "\t"
                            + reference.getBundle().getSymbolicName() + " " + reference.getBundle().getVersion());
                    for (ParameterDescriptor parameter : driver.parameters()) {
                        out.println("    " + parameter.name() + (parameter.required() ? " (required)" : "")
                                + (parameter.secret() ? " (secret)" : "")
                                + (parameter.defaultValue() == null ? "" : " = " + parameter.defaultValue())
                                + "  " + parameter.description());
                    }
                } finally {
                    context.ungetService(reference);
                }
            }
            return OK;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
