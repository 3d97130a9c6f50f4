package org.airgap.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParameterTest {

    private static final Parameter<String> HOST = Parameter.host("host").label("Host").description("The device.")
            .required().build();
    private static final Parameter<Integer> PORT = Parameter.integer("port").label("Port").defaultValue(502)
            .range(1, 65535).build();
    private static final Parameter<Duration> TIMEOUT = Parameter.duration("timeout").defaultValue(Duration.ofSeconds(3))
            .build();
    private static final Parameter<String> PASSWORD = Parameter.text("password").secret().build();
    private static final Parameter<Boolean> VERBOSE = Parameter.bool("verbose").defaultValue(false).build();
    private static final Parameter<String> MODE = Parameter.choice("mode", "fast", "safe").defaultValue("safe").build();
    /** A list turned into numbers, refusing odd ones: the conversion is the parameter's own check. */
    private static final Parameter<List<Integer>> EVENS = Parameter.list("evens").map(items -> items.stream()
            .map(Integer::valueOf).peek(n -> {
                if (n % 2 != 0) {
                    throw new IllegalArgumentException("'" + n + "' is odd");
                }
            }).toList()).build();
    private static final DriverParameters PARAMETERS = DriverParameters.of(HOST, PORT, TIMEOUT, PASSWORD, VERBOSE,
            MODE, EVENS);

    @Test
    void descriptorsSayWhatTheBuilderWasTold() {
        assertEquals(new ParameterDescriptor("host", "Host", ParameterType.HOST, true, null, "The device.", false,
                List.of(), null, null), HOST.descriptor());
        assertEquals(new ParameterDescriptor("port", "Port", ParameterType.INTEGER, false, "502", "", false, List.of(),
                1L, 65535L), PORT.descriptor());
        assertEquals("PT3S", TIMEOUT.descriptor().defaultValue());
        assertTrue(PASSWORD.descriptor().secret());
        assertEquals(List.of("fast", "safe"), MODE.descriptor().choices());
        assertEquals(ParameterType.LIST, EVENS.descriptor().type());
        assertEquals(List.of("host", "port", "timeout", "password", "verbose", "mode", "evens"),
                PARAMETERS.descriptors().stream().map(ParameterDescriptor::name).toList());
    }

    @Test
    void valuesAreTypedWithDefaults() {
        Parameters values = PARAMETERS.values(Map.of("host", " plc-7 ", "evens", "2, 4\n6", "verbose", "TRUE"));
        assertEquals("plc-7", values.get(HOST));
        assertEquals(502, values.get(PORT));
        assertEquals(Duration.ofSeconds(3), values.get(TIMEOUT));
        assertNull(values.get(PASSWORD));
        assertEquals(true, values.get(VERBOSE));
        assertEquals("safe", values.get(MODE));
        assertEquals(List.of(2, 4, 6), values.get(EVENS));
        assertEquals(List.of(), PARAMETERS.values(Map.of()).get(EVENS), "a missing list is empty");
        assertEquals(Duration.ofMillis(250), PARAMETERS.values(Map.of("timeout", "250")).get(TIMEOUT));
    }

    @Test
    void validateNamesEachBadParameterOnce() {
        assertEquals(List.of(), PARAMETERS.validate(Map.of("host", "plc-7", "evens", "2")));
        List<ParameterProblem> problems = PARAMETERS.validate(Map.of("port", "0", "mode", "slow", "evens", "2, 3",
                "colour", "red"));
        assertEquals(List.of("colour: unknown parameter (known: host, port, timeout, password, verbose, mode, evens)",
                "host: required", "port: must be a whole number from 1 to 65535, not 0",
                "mode: must be one of fast, safe, not 'slow'", "evens: '3' is odd"),
                problems.stream().map(ParameterProblem::message).toList());
        assertEquals(List.of("colour", "host", "port", "mode", "evens"),
                problems.stream().map(ParameterProblem::parameter).toList());
    }

    @Test
    void readingAnInvalidValueNamesTheParameter() {
        Parameters values = PARAMETERS.values(Map.of("evens", "1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> values.get(EVENS));
        assertEquals("evens: '1' is odd (validate the parameters first)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PARAMETERS.values(Map.of("port", "http")).get(PORT));
        IllegalArgumentException unchecked = assertThrows(IllegalArgumentException.class,
                () -> PARAMETERS.validValues(Map.of(), PARAMETERS.validate(Map.of())));
        assertTrue(unchecked.getMessage().contains("host: required"), unchecked.getMessage());
        assertEquals("plc", PARAMETERS.validValues(Map.of("host", "plc"), List.of()).get(HOST));
    }

    @Test
    void builderRefusesWhatTheDescriptorCannotSay() {
        assertThrows(IllegalStateException.class, () -> Parameter.text("name").range(1, 2));
        assertThrows(IllegalStateException.class,
                () -> Parameter.integer("count").map(n -> n * 2).defaultValue(4));
        assertThrows(IllegalArgumentException.class, () -> DriverParameters.of(HOST, Parameter.text("host").build()));
    }
}
