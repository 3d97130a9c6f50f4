package org.airgap.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterType;
import org.airgap.runner.check.DeviceNetwork;
import org.junit.jupiter.api.Test;

class DeviceAddressesTest {

    private static final List<ParameterDescriptor> DESCRIPTORS = List.of(
            ParameterDescriptor.of("gateway", "Gateway", ParameterType.HOST, ""),
            ParameterDescriptor.of("host", "Host", ParameterType.TEXT, "declared as text: not an address"),
            ParameterDescriptor.of("endpoint", "Endpoint", ParameterType.TEXT, ""));

    @Test
    void hostParametersAndTheHostsOfUrlsAreAddresses() {
        assertEquals(List.of("opc.example", "10.0.0.9"), DeviceAddresses.of(Map.of("endpoint",
                "opc.tcp://opc.example:4840/ua", "gateway", "10.0.0.9", "host", "10.0.0.8"), DESCRIPTORS));
        assertEquals(List.of("fe80::1"), DeviceAddresses.of(Map.of("gateway", "[fe80::1]"), DESCRIPTORS));
    }

    @Test
    void withoutADriverAParameterNamedHostIsTheAddress() {
        assertEquals(List.of("192.168.0.4"), DeviceAddresses.of(Map.of("host", "192.168.0.4", "port", "102"), List.of()));
    }

    @Test
    void anIpv4AddressLiesInItsSlash24UnlessANetmaskSaysOtherwise() {
        assertEquals("192.168.10.0/24", DeviceAddresses.network("192.168.10.7", null));
        assertEquals("172.16.0.0/12", DeviceAddresses.network("172.20.1.2", "255.240.0.0"));
        assertEquals("10.1.0.0/16", DeviceAddresses.network("10.1.2.3", "16"));
        assertEquals("10.1.2.0/24", DeviceAddresses.network("10.1.2.3", "255.0.255.0"), "not a netmask: /24");
        assertEquals("fe80::1", DeviceAddresses.network("fe80::1", null));
        assertNull(DeviceAddresses.network("plc7.plant.local", null));
        assertNull(DeviceAddresses.network("300.1.1.1", null));
    }

    @Test
    void networksInNumericOrderThenHostNames() {
        Map<String, List<String>> addresses = new LinkedHashMap<>();
        addresses.put("b", List.of("192.168.2.10", "plc.local"));
        addresses.put("a", List.of("192.168.10.5", "192.168.2.9"));
        addresses.put("c", List.of("10.1.200.1"));
        assertEquals(List.of(new DeviceNetwork("10.1.0.0/16", List.of("10.1.200.1"), List.of("c")),
                new DeviceNetwork("192.168.2.0/24", List.of("192.168.2.9", "192.168.2.10"), List.of("a", "b")),
                new DeviceNetwork("192.168.10.0/24", List.of("192.168.10.5"), List.of("a")),
                new DeviceNetwork(null, List.of("plc.local"), List.of("b"))),
                DeviceAddresses.networks(addresses, Map.of("c", "255.255.0.0")));
    }
}
