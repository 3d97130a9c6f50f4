package org.airgap.runner.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterType;
import org.airgap.runner.check.DeviceNetwork;

/**
 * Which device addresses a job's parameters name, and which networks they lie in: the pre-flight's list
 * of what the laptop's network card will need at the plant. Host-like values are those of parameters the
 * driver declares as {@link ParameterType#HOST} (a parameter named {@code host} when no driver is
 * installed to say), and the host of any value that is a URL ({@code opc.tcp://10.0.0.5:4840}). An IPv4
 * address lies in its /24, unless the job has a {@code netmask} parameter (255.255.0.0 or 16).
 */
final class DeviceAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.+");
    static final String NETMASK = "netmask";
    private static final int DEFAULT_PREFIX = 24;

    /** network (null key: host names) → addresses, and → job ids. */
    private final Map<String, Set<String>> addresses = new TreeMap<>(Comparator.nullsLast(DeviceAddresses::byAddress));
    private final Map<String, Set<String>> jobs = new TreeMap<>(Comparator.nullsLast(DeviceAddresses::byAddress));

    private DeviceAddresses() {
    }

    /** The host names and addresses in a job's parameters, in parameter order, each once. */
    static List<String> of(Map<String, String> parameters, List<ParameterDescriptor> descriptors) {
        Set<String> hosts = new LinkedHashSet<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(parameters).entrySet()) {
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (value.isEmpty()) {
                continue;
            }
            ParameterDescriptor descriptor = descriptors.stream().filter(d -> d.name().equals(entry.getKey()))
                    .findFirst().orElse(null);
            boolean hostLike = descriptor != null ? descriptor.type() == ParameterType.HOST
                    : descriptors.isEmpty() && entry.getKey().equals("host");
            if (hostLike) {
                hosts.add(stripBrackets(value));
            } else if (URL.matcher(value).matches()) {
                urlHost(value).ifPresent(hosts::add);
            }
        }
        return List.copyOf(hosts);
    }

    /** The networks of the jobs' addresses: IPv4 networks in numeric order, then IPv6, then host names. */
    static List<DeviceNetwork> networks(Map<String, List<String>> addressesByJob, Map<String, String> netmaskByJob) {
        DeviceAddresses networks = new DeviceAddresses();
        addressesByJob.forEach((jobId, hosts) -> hosts.forEach(host -> {
            String network = network(host, netmaskByJob.get(jobId));
            networks.addresses.computeIfAbsent(network, n -> new TreeSet<>(DeviceAddresses::byAddress)).add(host);
            networks.jobs.computeIfAbsent(network, n -> new TreeSet<>()).add(jobId);
        }));
        List<DeviceNetwork> result = new ArrayList<>();
        networks.addresses.forEach((network, hosts) -> result.add(new DeviceNetwork(network, new ArrayList<>(hosts),
                new ArrayList<>(networks.jobs.get(network)))));
        return result;
    }

    /** "192.168.10.0/24" for an IPv4 address, the address for IPv6, {@code null} for a host name. */
    static String network(String host, String netmask) {
        Matcher ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            long address = ipv4(ipv4);
            if (address >= 0) {
                int prefix = prefix(netmask);
                long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
                return dotted(address & mask) + "/" + prefix;
            }
        }
        return host.contains(":") ? host : null;
    }

    /** The prefix length of a netmask given as 255.255.0.0 or 16; /24 when none is given or it is not one. */
    static int prefix(String netmask) {
        if (netmask == null || netmask.isBlank()) {
            return DEFAULT_PREFIX;
        }
        String value = netmask.trim().replaceFirst("^/", "");
        if (value.matches("\\d{1,2}")) {
            int prefix = Integer.parseInt(value);
            return prefix <= 32 ? prefix : DEFAULT_PREFIX;
        }
        Matcher dotted = IPV4.matcher(value);
        if (!dotted.matches()) {
            return DEFAULT_PREFIX;
        }
        long mask = ipv4(dotted);
        int prefix = Long.bitCount(mask);
        // A netmask is ones then zeros; anything else is not one.
        long expected = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return mask == expected ? prefix : DEFAULT_PREFIX;
    }

    private static long ipv4(Matcher matcher) {
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int part = Integer.parseInt(matcher.group(i));
            if (part > 255) {
                return -1;
            }
            address = address << 8 | part;
        }
        return address;
    }

    private static String dotted(long address) {
        return (address >> 24 & 0xFF) + "." + (address >> 16 & 0xFF) + "." + (address >> 8 & 0xFF) + "."
                + (address & 0xFF);
    }

    private static Optional<String> urlHost(String value) {
        try {
            return Optional.ofNullable(new URI(value).getHost()).map(DeviceAddresses::stripBrackets);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** IPv4 addresses and networks numerically, before IPv6 and host names, which sort as text. */
    private static int byAddress(String a, String b) {
        long left = sortKey(a);
        long right = sortKey(b);
        return left != right ? Long.compare(left, right) : a.compareTo(b);
    }

    private static long sortKey(String value) {
        Matcher ipv4 = IPV4.matcher(value.replaceFirst("/\\d+$", ""));
        if (ipv4.matches() && ipv4(ipv4) >= 0) {
            return ipv4(ipv4);
        }
        return value.contains(":") ? 1L << 33 : 1L << 34;
    }
}
