package org.airgap.driver.s7.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DriverParameters;
import org.airgap.driver.api.Parameter;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.Parameters;

/** The driver's parameters, each declared once, their checks, and a validated set read into typed values. */
record S7Settings(String host, int port, int rack, int slot, Integer localTsap, Integer remoteTsap,
        String controllerType, List<AreaRange> areas, List<TypedField> layout, int timeoutMillis,
        boolean readIdentity, Map<String, String> redacted) {

    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    static final Parameter<String> HOST = Parameter.host("host").label("Host")
            .description("IP address or host name of the PLC (or of its communication processor).").required().build();
    static final Parameter<Integer> PORT = Parameter.integer("port").label("Port")
            .description("TCP port of the PLC's ISO-on-TCP service: 102 unless a gateway maps it elsewhere.")
            .defaultValue(102).range(1, 65535).build();
    static final Parameter<Integer> RACK = Parameter.integer("rack").label("Rack")
            .description("Rack of the CPU: 0 for almost every PLC.").defaultValue(0).range(0, 7).build();
    static final Parameter<Integer> SLOT = Parameter.integer("slot").label("Slot")
            .description("Slot of the CPU: 2 for an S7-300, 0 or 1 for an S7-1200/1500, as in the hardware "
                    + "configuration for an S7-400.")
            .defaultValue(1).range(0, 31).build();
    static final Parameter<Integer> LOCAL_TSAP = tsap("localTsap", "Local TSAP",
            "The client's TSAP instead of the one PLC4X derives, e.g. 0x0100; for LOGO! and CPs configured so.");
    static final Parameter<Integer> REMOTE_TSAP = tsap("remoteTsap", "Remote TSAP",
            "The PLC's TSAP instead of rack and slot, e.g. 0x0102 or 0x0200 for a LOGO!.");
    static final Parameter<String> CONTROLLER_TYPE = Parameter.choice("controllerType", "auto", "S7_300",
            "S7_400", "S7_1200", "S7_1500", "LOGO").label("Controller type")
            .description("The PLC family; auto asks the PLC (one more request when connecting).")
            .defaultValue("auto").build();
    static final Parameter<List<AreaRange>> AREAS = Parameter.list("areas").label("Areas")
            .description("The memory to back up, AREA:START:LENGTH in bytes, e.g. DB1:0:256, M:0:64, I:0:16, "
                    + "Q:0:16. A data block must exist and be as long as given; optimized blocks cannot be read.")
            .required().map(S7Settings::areas).build();
    static final Parameter<List<TypedField>> LAYOUT = Parameter.list("layout").label("Typed values")
            .description("Optional: values the tables show typed next to their bytes, AREA:OFFSET:TYPE[:NAME], "
                    + "e.g. DB1:0:INT:count, DB1:2:REAL:setpoint, DB1:10.0:BOOL:pumpOn. Each must lie in an area.")
            .map(list -> list.stream().map(TypedField::parse).toList()).build();
    static final Parameter<Duration> TIMEOUT = Parameter.duration("timeout").label("Timeout")
            .description("How long to wait for the connection and for each answer, e.g. PT5S or 500 (ms).")
            .defaultValue(Duration.ofSeconds(5)).map(S7Settings::boundedTimeout).build();
    static final Parameter<Boolean> READ_IDENTITY = Parameter.bool("readIdentity").label("Read identity")
            .description("Read order number, firmware, module name and serial number (SZL) when the PLC allows.")
            .defaultValue(true).build();

    static final DriverParameters PARAMETERS = DriverParameters.of(HOST, PORT, RACK, SLOT, LOCAL_TSAP, REMOTE_TSAP,
            CONTROLLER_TYPE, AREAS, LAYOUT, TIMEOUT, READ_IDENTITY);

    private static Parameter<Integer> tsap(String name, String label, String description) {
        return Parameter.text(name).label(label).description(description).map(S7Settings::parseTsap).build();
    }

    private static Integer parseTsap(String text) {
        try {
            int value = Integer.decode(text.strip());
            if (value >= 0 && value <= 0xFFFF) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "': a TSAP is a 16-bit number, e.g. 0x0102");
    }

    private static List<AreaRange> areas(List<String> texts) {
        List<AreaRange> areas = new ArrayList<>();
        for (String text : texts) {
            AreaRange range = AreaRange.parse(text);
            for (AreaRange other : areas) {
                if (range.overlaps(other)) {
                    throw new IllegalArgumentException(range + " overlaps " + other);
                }
            }
            areas.add(range);
        }
        return List.copyOf(areas);
    }

    private static Duration boundedTimeout(Duration timeout) {
        if (timeout.toMillis() < 100 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("must be from 100 ms to 5 minutes (PT5M), not " + timeout);
        }
        return timeout;
    }

    /** Every problem of a parameter set, each naming its parameter. */
    static List<ParameterProblem> validate(Map<String, String> values) {
        List<ParameterProblem> problems = PARAMETERS.validate(values);
        if (problems.stream().noneMatch(p -> p.parameter().equals(AREAS.name())
                || p.parameter().equals(LAYOUT.name()))) {
            Parameters parameters = PARAMETERS.values(values);
            List<AreaRange> areas = parameters.get(AREAS);
            for (TypedField field : parameters.get(LAYOUT)) {
                if (areas.stream().noneMatch(field::within)) {
                    problems.add(new ParameterProblem(LAYOUT.name(), LAYOUT.name() + ": " + field
                            + " lies outside the areas read (" + areas + ")"));
                }
            }
        }
        return problems;
    }

    /**
     * Reads a parameter set that passed {@link #validate}.
     *
     * @throws IllegalArgumentException listing the problems when it did not
     */
    static S7Settings of(Map<String, String> values) {
        Parameters parameters = PARAMETERS.validValues(values, validate(values));
        return new S7Settings(parameters.get(HOST), parameters.get(PORT), parameters.get(RACK), parameters.get(SLOT),
                parameters.get(LOCAL_TSAP), parameters.get(REMOTE_TSAP), parameters.get(CONTROLLER_TYPE),
                parameters.get(AREAS), parameters.get(LAYOUT), (int) parameters.get(TIMEOUT).toMillis(),
                parameters.get(READ_IDENTITY), parameters.redacted());
    }

    /** "host:port", with brackets around an IPv6 address. */
    String endpoint() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Where the CPU is addressed: "rack 0, slot 2" or "TSAP 0x0102". */
    String addressing() {
        return remoteTsap != null ? String.format("remote TSAP 0x%04X", remoteTsap) : "rack " + rack + ", slot " + slot;
    }

    /** The PLC4X connection string. */
    String connectionString() {
        StringBuilder url = new StringBuilder("s7://").append(endpoint()).append("?remote-rack=").append(rack)
                .append("&remote-slot=").append(slot);
        if (remoteTsap != null) {
            url.append("&remote-tsap=").append(remoteTsap);
        }
        if (localTsap != null) {
            url.append("&local-tsap=").append(localTsap);
        }
        if (!"auto".equals(controllerType)) {
            url.append("&controller-type=").append(controllerType);
        }
        return url.toString();
    }
}
