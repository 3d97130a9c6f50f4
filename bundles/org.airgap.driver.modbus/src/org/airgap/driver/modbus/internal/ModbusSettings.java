package org.airgap.driver.modbus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ParameterType;
import org.airgap.driver.api.Parameters;

/** The driver's parameters: their descriptors, their checks, and a validated set read into typed values. */
record ModbusSettings(String host, int port, int unitId, Map<DataArea, List<AddressRange>> ranges, int timeoutMillis,
        int retries, int concurrency, boolean readDeviceIdentification, Map<String, String> redacted) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String UNIT_ID = "unitId";
    static final String TIMEOUT = "timeout";
    static final String RETRIES = "retries";
    static final String CONCURRENCY = "concurrency";
    static final String READ_DEVICE_IDENTIFICATION = "readDeviceIdentification";

    /** Longest accepted timeout: a technician waits on site, and a socket timeout of 0 would mean forever. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    static final List<ParameterDescriptor> DESCRIPTORS = List.of(
            ParameterDescriptor.of(HOST, "Host", ParameterType.HOST,
                    "IP address or host name of the device's Modbus TCP server (or of the Modbus gateway).")
                    .mandatory(),
            ParameterDescriptor.of(PORT, "Port", ParameterType.INTEGER,
                    "TCP port of the Modbus server: 502 unless the device was configured otherwise.")
                    .withDefault("502").withRange(1, 65535),
            ParameterDescriptor.of(UNIT_ID, "Unit id", ParameterType.INTEGER,
                    "Modbus unit identifier: 1 for most devices, 255 or 0 for some; behind a gateway, the address of "
                            + "the device on the serial bus.")
                    .withDefault("1").withRange(0, 255),
            areaParameter(DataArea.HOLDING_REGISTERS, "Holding registers", "function 3"),
            areaParameter(DataArea.INPUT_REGISTERS, "Input registers", "function 4"),
            areaParameter(DataArea.COILS, "Coils", "function 1"),
            areaParameter(DataArea.DISCRETE_INPUTS, "Discrete inputs", "function 2"),
            ParameterDescriptor.of(TIMEOUT, "Timeout", ParameterType.DURATION,
                    "How long to wait for the connection and for each answer, e.g. PT3S (3 seconds) or 500 "
                            + "(milliseconds).")
                    .withDefault("PT3S"),
            ParameterDescriptor.of(RETRIES, "Retries", ParameterType.INTEGER,
                    "How often a request that got no answer, or whose connection broke, is sent again on a new "
                            + "connection before the backup fails.")
                    .withDefault("2").withRange(0, 10),
            ParameterDescriptor.of(CONCURRENCY, "Parallel connections", ParameterType.INTEGER,
                    "Connections reading at the same time, one request outstanding on each. Faster for devices "
                            + "and gateways that serve several clients at once; keep 1 for devices that allow only "
                            + "one connection.")
                    .withDefault("1").withRange(1, 16),
            ParameterDescriptor.of(READ_DEVICE_IDENTIFICATION, "Read device identification", ParameterType.BOOLEAN,
                    "Read vendor, product code and revision (function 43/14, basic objects) when the device "
                            + "supports it.")
                    .withDefault("true"));

    private static ParameterDescriptor areaParameter(DataArea area, String label, String function) {
        return ParameterDescriptor.of(area.parameter, label, ParameterType.LIST, label + " to back up (" + function
                + "): ranges of 0-based protocol addresses separated by commas, e.g. \"0-99, 200-299\", or "
                + "\"0-65535\" for all; empty for none. At least one range over all four areas.");
    }

    /** Every problem of a parameter set, each naming its parameter. */
    static List<ParameterProblem> validate(Map<String, String> values) {
        List<ParameterProblem> problems = new ArrayList<>(Parameters.validate(DESCRIPTORS, values));
        Parameters parameters = new Parameters(DESCRIPTORS, values);
        int rangeCount = 0;
        for (DataArea area : DataArea.values()) {
            try {
                rangeCount += AddressRange.parse(parameters.list(area.parameter)).size();
            } catch (AddressRange.SyntaxException e) {
                problems.add(new ParameterProblem(area.parameter, area.parameter + ": " + e.getMessage()));
                rangeCount++; // a range was given, just a bad one: do not also say "none given"
            }
        }
        if (rangeCount == 0) {
            problems.add(new ParameterProblem(DataArea.HOLDING_REGISTERS.parameter, DataArea.HOLDING_REGISTERS.parameter
                    + ": no range to back up: give at least one range in holdingRegisters, inputRegisters, coils or "
                    + "discreteInputs, e.g. holdingRegisters = 0-99"));
        }
        boolean timeoutTyped = problems.stream().noneMatch(p -> p.parameter().equals(TIMEOUT));
        if (timeoutTyped) {
            Duration timeout = parameters.duration(TIMEOUT);
            if (timeout.isNegative() || timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                problems.add(new ParameterProblem(TIMEOUT, TIMEOUT + ": must be from 1 ms to 5 minutes (PT5M), not "
                        + parameters.raw(TIMEOUT)));
            }
        }
        return problems;
    }

    /**
     * Reads a parameter set that passed {@link #validate}.
     *
     * @throws IllegalArgumentException listing the problems when it did not
     */
    static ModbusSettings of(Map<String, String> values) {
        List<ParameterProblem> problems = validate(values);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Modbus TCP parameters (validate them first): "
                    + problems.stream().map(ParameterProblem::message).toList());
        }
        Parameters parameters = new Parameters(DESCRIPTORS, values);
        Map<DataArea, List<AddressRange>> ranges = new EnumMap<>(DataArea.class);
        for (DataArea area : DataArea.values()) {
            try {
                List<AddressRange> list = AddressRange.parse(parameters.list(area.parameter));
                if (!list.isEmpty()) {
                    ranges.put(area, List.copyOf(list));
                }
            } catch (AddressRange.SyntaxException e) {
                throw new IllegalStateException("validated above", e);
            }
        }
        return new ModbusSettings(parameters.text(HOST), parameters.integer(PORT), parameters.integer(UNIT_ID),
                ranges, (int) parameters.duration(TIMEOUT).toMillis(), parameters.integer(RETRIES),
                parameters.integer(CONCURRENCY), parameters.bool(READ_DEVICE_IDENTIFICATION), parameters.redacted());
    }

    /** "host:port", with brackets around an IPv6 address. */
    String endpoint() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** "1.5 s", "500 ms": the timeout as a technician reads it. */
    String timeoutText() {
        return timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s"
                : timeoutMillis > 1000 ? timeoutMillis / 1000.0 + " s" : timeoutMillis + " ms";
    }
}
