package org.airgap.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.airgap.runner.check.DeviceNetwork;
import org.airgap.runner.check.JobReadiness;
import org.airgap.runner.check.Preflight;

/** The text of the pre-flight check: the table of {@code airgap check --offline} and the summary after a sync. */
final class PreflightText {

    private PreflightText() {
    }

    /** Every job with whether it can run and why not, then the networks with their addresses and jobs. */
    static void table(PrintStream out, Preflight preflight) {
        if (preflight.jobs().isEmpty()) {
            out.println("No synced jobs: airgap sync gets the jobs assigned to you.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("JOB", "COMPONENT", "DEVICE TYPE", "CAN RUN", "ADDRESSES", "REASON"));
        for (JobReadiness job : preflight.jobs()) {
            rows.add(List.of(job.jobId(), job.component(), job.deviceType().isEmpty() ? "-" : job.deviceType(),
                    job.canRun() ? "yes" : "no", job.addresses().isEmpty() ? "-" : String.join(", ", job.addresses()),
                    job.canRun() ? "-" : String.join(" ", job.problems())));
        }
        Output.table(out, rows);
        out.println();
        networks(out, preflight.networks());
    }

    /** After a sync: one line when every job can run here, else the jobs that cannot and why. */
    static void summary(PrintStream out, Preflight preflight) {
        List<JobReadiness> blocked = preflight.blocked();
        if (blocked.isEmpty()) {
            out.println("Pre-flight: all " + preflight.jobs().size() + " jobs can run here" + (preflight.networks()
                    .isEmpty() ? "." : "; device networks: " + preflight.networks().stream()
                            .map(PreflightText::networkName).collect(Collectors.joining(", ")) + "."));
            return;
        }
        out.println("Pre-flight: " + blocked.size() + " of " + preflight.jobs().size() + " jobs cannot run here "
                + "(airgap check --offline lists them with the device networks):");
        blocked.forEach(job -> out.println("  " + job.jobId() + ": " + String.join(" ", job.problems())));
    }

    private static void networks(PrintStream out, List<DeviceNetwork> networks) {
        if (networks.isEmpty()) {
            out.println("No device addresses in the jobs' parameters.");
            return;
        }
        out.println("Networks the laptop's network card will need (IPv4: the /24 of each address unless the job "
                + "gives a netmask):");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NETWORK", "ADDRESSES", "JOBS"));
        networks.forEach(network -> rows.add(List.of(networkName(network), String.join(", ", network.addresses()),
                String.join(", ", network.jobIds()))));
        Output.table(out, rows);
    }

    private static String networkName(DeviceNetwork network) {
        return network.network() == null ? "host names" : network.network();
    }
}
