package org.airgap.client.forms;

import static org.airgap.client.forms.FormUi.find;
import static org.airgap.client.forms.FormUi.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.ParameterProblem;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forms generated from the real drivers of the test runtime, as a person sees and types into them. */
class ParameterFormTest {

    private Shell shell;

    @BeforeEach
    void openShell() {
        shell = new Shell(FormUi.display());
        shell.setLayout(new FillLayout());
    }

    @AfterEach
    void closeShell() {
        shell.dispose();
    }

    private ParameterForm connection(String deviceType, Map<String, String> values) throws Exception {
        ParameterForm form = ParameterForm.forConnection(shell, deviceType, FormUi.catalog().driver(deviceType)
                .orElse(null), values);
        shell.pack();
        shell.open();
        FormUi.settle();
        return form;
    }

    @Test
    void theModbusFormShowsItsParametersWithTheirLabelsDefaultsAndRanges() throws Exception {
        ParameterForm form = connection("modbus-tcp", Map.of());
        assertTrue(form.isGenerated());
        Text host = find(form, "form.host");
        Text port = find(form, "form.port");
        find(form, "form.unitId");
        find(form, "form.holdingRegisters");
        assertTrue((find(form, "form.readDeviceIdentification").getStyle() & SWT.CHECK) != 0, "a boolean is a checkbox");
        assertTrue((((Text) find(form, "form.holdingRegisters")).getStyle() & SWT.MULTI) != 0, "a list is multi-line");
        assertEquals("default: 502 \u00b7 1 to 65535", port.getMessage(), "the default and the range as hint");
        assertTrue(host.getToolTipText().contains("IP address or host name"), "the description: " + host.getToolTipText());
        List<String> labels = FormUi.visibleTexts(form);
        assertTrue(labels.contains("&Host *:"), "required marked, with a mnemonic: " + labels);
        assertTrue(labels.contains("&Port:"), labels.toString());
        assertTrue(form.isValid(), "nothing given is not wrong in a component: " + form.problems());
        assertTrue(form.leftToJobs().stream().anyMatch(p -> p.parameter().equals("host")),
                "what is missing is left to the jobs, and said: " + form.leftToJobs());
    }

    @Test
    void aWrongPortIsRefusedInlineNamingTheFieldAndARightOneIsAccepted() throws Exception {
        ParameterForm form = connection("modbus-tcp", Map.of("host", "10.0.0.7"));
        List<Boolean> validity = new ArrayList<>();
        form.addChangeListener(() -> validity.add(form.isValid()));
        Text port = find(form, "form.port");
        Label problem = find(form, "form.problem.port");
        for (String wrong : List.of("0", "70000", "abc")) {
            type(port, wrong);
            assertFalse(form.isValid(), wrong);
            assertTrue(problem.isVisible(), "shown below the field: " + wrong);
            assertTrue(problem.getText().startsWith("port: must be a whole number from 1 to 65535"), problem.getText());
            assertEquals(List.of("port"), form.problems().stream().map(ParameterProblem::parameter).toList());
            assertTrue(((Label) find(form, "form.summary")).getText().contains(problem.getText()), "and in the summary");
        }
        type(port, "1502");
        assertTrue(form.isValid(), form.problems().toString());
        assertFalse(problem.isVisible());
        assertEquals(Boolean.TRUE, validity.get(validity.size() - 1), "the listener heard the change");
        assertEquals(Map.of("host", "10.0.0.7", "port", "1502"), form.values());
    }

    @Test
    void theDriversOwnChecksCountToo() throws Exception {
        ParameterForm form = connection("modbus-tcp", Map.of("host", "plc", "timeout", "PT10M"));
        assertEquals("timeout: must be from 1 ms to 5 minutes (PT5M), not PT10M", form.problems().get(0).message(),
                "the driver's own bound on the duration, past the generic check");
        type(find(form, "form.timeout"), "nonsense");
        assertTrue(form.problems().get(0).message().startsWith("timeout: must be a duration such as PT5S"),
                form.problems().toString());
        type(find(form, "form.timeout"), "500");
        assertTrue(form.isValid(), "milliseconds are a duration too: " + form.problems());
    }

    @Test
    void aSecretIsAPasswordFieldAndNeverShown() throws Exception {
        for (String type : List.of("ftp", "sftp")) {
            String secret = "Pa55-word-" + type;
            ParameterForm form = connection(type, Map.of("host", "10.0.0.9", "user", "plc", "password", secret));
            Text password = find(form, "form.password");
            assertTrue((password.getStyle() & SWT.PASSWORD) != 0, type);
            assertEquals(secret, password.getText());
            type(password, secret + "!");
            for (String text : FormUi.visibleTexts(shell)) {
                assertFalse(text.contains(secret), type + ": the secret shows in '" + text + "'");
            }
            assertEquals(secret + "!", form.values().get("password"), "and it is the value all the same");
            shell.dispose();
            openShell();
        }
    }

    @Test
    void aChoiceOffersItsChoicesAndTheDefault() throws Exception {
        ParameterForm form = connection("ftp", Map.of("host", "robot", "tls", "explicit"));
        Combo tls = find(form, "form.tls");
        assertTrue((tls.getStyle() & SWT.READ_ONLY) != 0);
        List<String> items = Arrays.asList(tls.getItems());
        assertEquals(List.of("none", "explicit"), items.subList(1, items.size()));
        assertTrue(items.get(0).startsWith("(default: none"), "the empty choice is the default: " + items.get(0));
        assertEquals("explicit", tls.getText());
        tls.select(0);
        tls.notifyListeners(SWT.Selection, null);
        assertFalse(form.values().containsKey("tls"), "the default choice leaves the value out");
    }

    @Test
    void existingValuesComeBackAsTheyWere() throws Exception {
        Map<String, String> values = Map.of("host", "10.0.0.7", "port", "502", "holdingRegisters", "0-99,\n200-299",
                "readDeviceIdentification", "true", "timeout", "PT3S");
        assertEquals(values, connection("modbus-tcp", values).values());
        shell.dispose();
        openShell();
        Map<String, String> ftp = Map.of("host", "robot", "password", "x y", "passive", "false", "tls", "none",
                "paths", "/prog");
        assertEquals(ftp, connection("ftp", ftp).values());
    }

    @Test
    void aBooleanIsLeftOutUntilItDiffersFromItsDefault() throws Exception {
        ParameterForm form = connection("modbus-tcp", Map.of("host", "plc"));
        Button identification = find(form, "form.readDeviceIdentification");
        assertTrue(identification.getSelection(), "the default, true, is shown");
        identification.setSelection(false);
        identification.notifyListeners(SWT.Selection, null);
        assertEquals("false", form.values().get("readDeviceIdentification"));
        identification.setSelection(true);
        identification.notifyListeners(SWT.Selection, null);
        assertFalse(form.values().containsKey("readDeviceIdentification"), "back to the default: " + form.values());
    }

    @Test
    void aDeviceTypeWithoutItsDriverIsPlainKeyValueRowsWithANote() throws Exception {
        Map<String, String> values = Map.of("host", "10.0.0.5", "rack", "0", "password", "hidden!");
        ParameterForm form = connection("acme-robot", values);
        assertFalse(form.isGenerated());
        String note = ((Label) find(form, "form.note")).getText();
        assertTrue(note.contains("'acme-robot'") && note.contains("not installed in this workbench")
                && note.contains("not checked"), note);
        assertEquals(3, FormUi.all(form, "form.rows.key").size());
        assertEquals(values, form.values(), "nothing lost");
        assertTrue(FormUi.visibleTexts(shell).stream().noneMatch(text -> text.contains("hidden!")),
                "a password-like key is typed unseen");
        ((Button) find(form, "form.rows.add")).notifyListeners(SWT.Selection, null);
        List<Text> keys = FormUi.all(form, "form.rows.key").stream().map(Text.class::cast).toList();
        List<Text> rows = FormUi.all(form, "form.rows.value").stream().map(Text.class::cast).toList();
        type(keys.get(3), "slot");
        type(rows.get(3), "2");
        assertEquals("2", form.values().get("slot"));
        type(keys.get(3), "rack");
        assertFalse(form.isValid(), "a key twice is refused");
        FormUi.all(form, "form.rows.remove").get(3).notifyListeners(SWT.Selection, null);
        FormUi.settle();
        assertTrue(form.isValid());
        assertEquals(values, form.values());
    }

    @Test
    void valuesADriverDoesNotKnowAreShownAsRowsToRemove() throws Exception {
        ParameterForm form = connection("modbus-tcp", Map.of("host", "plc", "rack", "0"));
        assertFalse(form.isValid());
        assertEquals("rack", form.problems().get(0).parameter());
        FormUi.all(form, "form.rows.remove").get(0).notifyListeners(SWT.Selection, null);
        FormUi.settle();
        assertTrue(form.isValid(), form.problems().toString());
        assertEquals(Map.of("host", "plc"), form.values());
    }

    @Test
    void aJobsFormIsCheckedWithItsComponentsConnectionAsARunChecksIt() throws Exception {
        Map<String, String> connection = Map.of("host", "10.0.0.7", "port", "1502");
        ParameterForm form = ParameterForm.forJob(shell, "modbus-tcp", FormUi.driver("modbus-tcp"), connection,
                Map.of());
        shell.pack();
        shell.open();
        FormUi.settle();
        assertEquals(List.of("holdingRegisters"), form.problems().stream().map(ParameterProblem::parameter).toList(),
                "the host comes from the component, the ranges must come from somewhere");
        assertTrue(((Text) find(form, "form.host")).getMessage().startsWith("component: 10.0.0.7"));
        assertTrue(((Label) find(form, "form.problem.holdingRegisters")).isVisible());
        type(find(form, "form.holdingRegisters"), "0-99");
        assertTrue(form.isValid(), form.problems().toString());
        assertEquals(Map.of("holdingRegisters", "0-99"), form.values(), "only what the job gives");
        type(find(form, "form.port"), "0");
        assertNotEquals(List.of(), form.problems(), "the job's port overrides the component's, and is checked");
    }
}
