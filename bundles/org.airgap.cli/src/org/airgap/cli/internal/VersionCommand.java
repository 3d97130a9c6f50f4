package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "version", description = "Print the version and the running Airgap bundles.")
final class VersionCommand extends Subcommand implements IVersionProvider {

    @Override
    public Integer call() {
        for (String line : getVersion()) {
            airgap.console().out().println(line);
        }
        return OK;
    }

    /** Also what {@code airgap --version} prints. */
    @Override
    public String[] getVersion() {
        BundleContext context = FrameworkUtil.getBundle(VersionCommand.class).getBundleContext();
        List<String> lines = new ArrayList<>();
        lines.add("Airgap " + context.getBundle().getVersion());
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith("org.airgap.")) {
                lines.add("  " + name + " " + bundle.getVersion() + " " + stateName(bundle.getState()));
            }
        }
        return lines.toArray(String[]::new);
    }

    private static String stateName(int state) {
        return switch (state) {
        case Bundle.ACTIVE -> "active";
        case Bundle.STARTING -> "starting";
        case Bundle.RESOLVED -> "resolved";
        case Bundle.INSTALLED -> "installed";
        default -> "state " + state;
        };
    }
}
