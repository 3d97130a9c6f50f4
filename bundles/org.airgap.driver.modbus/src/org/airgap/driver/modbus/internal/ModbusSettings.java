package org.airgap.driver.modbus.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DriverParameters;
import org.airgap.driver.api.Parameter;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.Parameters;

/** The driver's parameters, each declared once, their checks, and a validated set read into typed values. */
record ModbusSettings(String host, int port, int unitId, Map<DataArea, List<AddressRange>> ranges, int timeoutMillis,
        int retries, int concurrency, boolean readDeviceIdentification, Map<String, String> redacted) {

    /** Longest accepted timeout: a technician waits on site, and a socket timeout of 0 would mean forever. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    static final Parameter<String> HOST = Parameter.host("host").label("Host")
            .description("IP address or host name of the device's Modbus TCP server (or of the Modbus gateway).")
            .required().build();
    static final Parameter<Integer> PORT = Parameter.integer("port").label("Port")
            .description("TCP port of the Modbus server: 502 unless the device was configured otherwise.")
            .defaultValue(502).range(1, 65535).build();
    static final Parameter<Integer> UNIT_ID = Parameter.integer("unitId").label("Unit id")
            .description("Modbus unit identifier: 1 for most devices, 255 or 0 for some; behind a gateway, the "
                    + "address of the device on the serial bus.")
            .defaultValue(1).range(0, 255).build();
    static final Parameter<Duration> TIMEOUT = Parameter.duration("timeout").label("Timeout")
            .description("How long to wait for the connection and for each answer, e.g. PT3S (3 seconds) or 500 "
                    + "(milliseconds).")
            .defaultValue(Duration.ofSeconds(3)).map(ModbusSettings::boundedTimeout).build();
    static final Parameter<Integer> RETRIES = Parameter.integer("retries").label("Retries")
            .description("How often a request that got no answer, or whose connection broke, is sent again on a "
                    + "new connection before the backup fails.")
            .defaultValue(2).range(0, 10).build();
    static final Parameter<Integer> CONCURRENCY = Parameter.integer("concurrency").label("Parallel connections")
            .description("Connections reading at the same time, one request outstanding on each. Faster for devices "
                    + "and gateways that serve several clients at once; keep 1 for devices that allow only one "
                    + "connection.")
            .defaultValue(1).range(1, 16).build();
    static final Parameter<Boolean> READ_DEVICE_IDENTIFICATION = Parameter.bool("readDeviceIdentification")
            .label("Read device identification")
            .description("Read vendor, product code and revision (function 43/14, basic objects) when the device "
                    + "supports it.")
            .defaultValue(true).build();

    static final DriverParameters PARAMETERS = DriverParameters.of(HOST, PORT, UNIT_ID,
            DataArea.HOLDING_REGISTERS.ranges, DataArea.INPUT_REGISTERS.ranges, DataArea.COILS.ranges,
            DataArea.DISCRETE_INPUTS.ranges, TIMEOUT, RETRIES, CONCURRENCY, READ_DEVICE_IDENTIFICATION);

    private static Duration boundedTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("must be from 1 ms to 5 minutes (PT5M), not " + timeout);
        }
        return timeout;
    }

    /** Every problem of a parameter set, each naming its parameter. */
    static List<ParameterProblem> validate(Map<String, String> values) {
        List<ParameterProblem> problems = PARAMETERS.validate(values);
        Parameters parameters = PARAMETERS.values(values);
        // A bad range counts as given: its own problem says enough.
        if (Arrays.stream(DataArea.values()).allMatch(area -> parameters.list(area.ranges.name()).isEmpty())) {
            String name = DataArea.HOLDING_REGISTERS.ranges.name();
            problems.add(new ParameterProblem(name, name + ": no range to back up: give at least one range in "
                    + "holdingRegisters, inputRegisters, coils or discreteInputs, e.g. holdingRegisters = 0-99"));
        }
        return problems;
    }

    /**
     * Reads a parameter set that passed {@link #validate}.
     *
     * @throws IllegalArgumentException listing the problems when it did not
     */
    static ModbusSettings of(Map<String, String> values) {
        Parameters parameters = PARAMETERS.validValues(values, validate(values));
        Map<DataArea, List<AddressRange>> ranges = new EnumMap<>(DataArea.class);
        for (DataArea area : DataArea.values()) {
            List<AddressRange> list = parameters.get(area.ranges);
            if (!list.isEmpty()) {
                ranges.put(area, list);
            }
        }
        return new ModbusSettings(parameters.get(HOST), parameters.get(PORT), parameters.get(UNIT_ID), ranges,
                (int) parameters.get(TIMEOUT).toMillis(), parameters.get(RETRIES), parameters.get(CONCURRENCY),
                parameters.get(READ_DEVICE_IDENTIFICATION), parameters.redacted());
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
