package org.airgap.client.forms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.airgap.client.forms.DriverInfo;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ParameterType;
import org.junit.jupiter.api.Test;

/** Which problems a component's and a job's form refuse, and that no message carries a secret. */
class FormRulesTest {

    /** A careless vendor driver: it quotes the password it refuses. */
    private static final DriverInfo CARELESS = new DriverInfo("careless", "Careless", "Vendor", List.of(
            ParameterDescriptor.of("host", "Host", ParameterType.HOST, "").mandatory(),
            ParameterDescriptor.of("password", "Password", ParameterType.TEXT, "").hidden(),
            ParameterDescriptor.of("blocks", "Blocks", ParameterType.LIST, "").mandatory()), values -> {
                String password = values.get("password");
                return password != null && password.length() < 8
                        ? List.of(new ParameterProblem("password", "password: '" + password + "' is too short"))
                        : List.of();
            });

    @Test
    void aSecretQuotedByItsDriverIsMaskedInTheProblem() {
        FormRules.Outcome outcome = FormRules.connection(CARELESS, Map.of("host", "plc", "password", "s3cret"));
        assertEquals(List.of(new ParameterProblem("password", "password: '******' is too short")), outcome.blocking());
        assertEquals(List.of(new ParameterProblem("password", "password: '******' is too short")),
                FormRules.job(CARELESS, Map.of("host", "plc", "password", "s3cret"), Map.of("blocks", "OB1"))
                        .blocking(), "the component's secret, in a job's form");
    }

    @Test
    void aComponentLeavesWhatItDoesNotGiveToItsJobsAndAJobMustHaveEverything() {
        FormRules.Outcome component = FormRules.connection(CARELESS, Map.of("host", "plc"));
        assertEquals(List.of(), component.blocking());
        assertEquals(List.of("blocks"), component.leftToJobs().stream().map(ParameterProblem::parameter).toList());
        assertEquals(List.of("blocks"), FormRules.job(CARELESS, Map.of("host", "plc"), Map.of()).blocking().stream()
                .map(ParameterProblem::parameter).toList());
        assertEquals(List.of(), FormRules.job(CARELESS, Map.of("host", "plc"), Map.of("blocks", "OB1")).blocking());
        assertEquals(Map.of("host", "device", "blocks", "OB1"),
                FormRules.merged(Map.of("host", "plc"), Map.of("host", "device", "blocks", "OB1", "port", " ")),
                "the job's values win; a blank one does not count");
    }
}
