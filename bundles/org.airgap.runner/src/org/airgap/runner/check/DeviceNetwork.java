package org.airgap.runner.check;

import java.util.List;

/**
 * A network the laptop will need to reach devices in.
 *
 * @param network   {@code 192.168.10.0/24} for IPv4 devices (their /24, or the job's netmask when it
 *                  gives one), the address itself for IPv6, or {@code null} for host names (resolved at
 *                  the plant)
 * @param addresses the device addresses or host names in it, sorted
 * @param jobIds    the jobs that reach them
 */
public record DeviceNetwork(String network, List<String> addresses, List<String> jobIds) {

    public DeviceNetwork {
        addresses = List.copyOf(addresses);
        jobIds = List.copyOf(jobIds);
    }
}
