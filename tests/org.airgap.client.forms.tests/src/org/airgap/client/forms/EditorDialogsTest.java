package org.airgap.client.forms;

import static org.airgap.client.forms.FormUi.find;
import static org.airgap.client.forms.FormUi.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.model.IgnoreRule;
import org.airgap.model.JobOptions;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/** The component and job editors on the real drivers, typed into as an administrator does, keyboard included. */
class EditorDialogsTest {

    private Shell parent;

    @BeforeEach
    void openParent() {
        parent = new Shell(FormUi.display());
        parent.setBounds(0, 0, 1400, 900);
        parent.open();
    }

    @AfterEach
    void closeParent() {
        parent.dispose();
    }

    private static void open(Window dialog) {
        dialog.setBlockOnOpen(false);
        dialog.open();
        FormUi.settle();
    }

    /** The dialog's OK button (the default button, what Enter presses, unless a push button has the focus). */
    private static Button ok(Window dialog) {
        return FormUi.all(dialog.getShell(), null).stream()
                .filter(c -> c instanceof Button b && IDialogConstants.OK_LABEL.equals(b.getText())).map(Button.class::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void aModbusComponentIsCreatedThroughItsGeneratedFormAndAWrongPortIsRefusedInline() throws Exception {
        ComponentEditorDialog dialog = ComponentEditorDialog.create(parent, FormUi.catalog(), "modbus-tcp");
        open(dialog);
        Shell shell = dialog.getShell();
        Combo types = find(shell, "component.deviceType");
        assertTrue(Arrays.asList(types.getItems()).containsAll(List.of("Modbus TCP (modbus-tcp)", "FTP / FTPS (ftp)",
                "SFTP (sftp)")), Arrays.toString(types.getItems()));
        assertEquals("Modbus TCP (modbus-tcp)", types.getText());
        assertFalse(ok(dialog).isEnabled(), "no id and name yet");
        type(find(shell, "component.id"), "plc-7");
        type(find(shell, "component.name"), "PLC 7");
        type(find(shell, "form.host"), "10.0.0.7");
        assertTrue(ok(dialog).isEnabled(), "a host is enough for a component");
        type(find(shell, "form.port"), "70000");
        assertFalse(ok(dialog).isEnabled(), "OK disabled while the port is wrong");
        assertEquals("port: must be a whole number from 1 to 65535, not 70000",
                ((Label) find(shell, "form.problem.port")).getText());
        assertEquals("port: must be a whole number from 1 to 65535, not 70000", dialog.getErrorMessage(),
                "the summary in the title area");
        Rectangle bounds = shell.getBounds();
        FormUi.screenshot("admin-component-form", new Rectangle(bounds.x - 10, bounds.y - 10, bounds.width + 20,
                bounds.height + 20));
        type(find(shell, "form.port"), "1502");
        assertTrue(ok(dialog).isEnabled());
        type(find(shell, "form.unitId"), "3");
        FormUi.focus(find(shell, "component.id"));
        FormUi.key(SWT.TAB, '\t', 0);
        assertEquals(find(shell, "component.name"), FormUi.display().getFocusControl(), "Tab goes on to the name");
        FormUi.key('p', 'p', SWT.ALT);
        assertEquals(find(shell, "form.port"), FormUi.display().getFocusControl(), "Alt+P: the port");
        FormUi.key(SWT.CR, '\r', 0);
        FormUi.waitUntil(shell::isDisposed);
        assertTrue(shell.isDisposed(), "Enter is OK");
        assertEquals(new ComponentDraft("plc-7", "PLC 7", "modbus-tcp",
                Map.of("host", "10.0.0.7", "port", "1502", "unitId", "3")), dialog.result());
    }

    @Test
    void editingKeepsTheIdAndAnUninstalledDeviceTypeKeepsItsValues() throws Exception {
        ComponentDraft robot = new ComponentDraft("robot-1", "Robot", "acme-robot", Map.of("host", "10.0.0.5", "axis",
                "6"));
        ComponentEditorDialog dialog = ComponentEditorDialog.edit(parent, FormUi.catalog(), robot);
        open(dialog);
        Shell shell = dialog.getShell();
        assertFalse(((Text) find(shell, "component.id")).getEditable(), "an id never changes");
        assertEquals("acme-robot (driver not installed here)", ((Combo) find(shell, "component.deviceType")).getText());
        assertTrue(((Label) find(shell, "form.note")).getText().contains("not installed in this workbench"));
        assertTrue(ok(dialog).isEnabled());
        ok(dialog).notifyListeners(SWT.Selection, null);
        assertEquals(robot, dialog.result(), "nothing changed, nothing lost");
    }

    @Test
    void aVendorsDriverStartedWhileTheEditorIsOpenGetsItsForm() throws Exception {
        ComponentEditorDialog dialog = ComponentEditorDialog.edit(parent, FormUi.catalog(), new ComponentDraft("st-1",
                "Station 1", "acme-station", Map.of("station", "13")));
        open(dialog);
        assertTrue(ok(dialog).isEnabled(), "unchecked while the driver is missing");
        FormUi.focus(FormUi.all(dialog.getShell(), "form.rows.value").get(0));
        ServiceRegistration<DeviceDriver> registration = DriverCatalogTest.VendorDriver.register();
        try {
            FormUi.waitUntil(() -> !FormUi.all(dialog.getShell(), "form.station").isEmpty());
            assertEquals("Acme Station (acme-station)", ((Combo) find(dialog.getShell(), "component.deviceType"))
                    .getText());
            assertEquals("13", ((Text) find(dialog.getShell(), "form.station")).getText(), "the value carried over");
            assertEquals("station: 13 is reserved", ((Label) find(dialog.getShell(), "form.problem.station")).getText(),
                    "and checked by the vendor's own validate");
            assertFalse(ok(dialog).isEnabled());
            Button enter = dialog.getShell().getDefaultButton();
            assertTrue(enter == null || enter == ok(dialog), "Enter presses " + enter + ", not Cancel");
        } finally {
            registration.unregister();
        }
        FormUi.waitUntil(() -> FormUi.all(dialog.getShell(), "form.station").isEmpty());
        assertTrue(((Label) find(dialog.getShell(), "form.note")).getText().contains("not installed"),
                "the driver stopped: plain rows again");
        dialog.close();
    }

    @Test
    void changingTheDeviceTypeKeepsTheValuesTheNewDriverKnows() throws Exception {
        ComponentEditorDialog dialog = ComponentEditorDialog.edit(parent, FormUi.catalog(), new ComponentDraft("plc",
                "PLC", "modbus-tcp", Map.of("host", "10.0.0.7", "unitId", "2")));
        open(dialog);
        Combo types = find(dialog.getShell(), "component.deviceType");
        types.select(Arrays.asList(types.getItems()).indexOf("FTP / FTPS (ftp)"));
        types.notifyListeners(SWT.Selection, null);
        FormUi.settle();
        find(dialog.getShell(), "form.passive");
        assertTrue(ok(dialog).isEnabled());
        ok(dialog).notifyListeners(SWT.Selection, null);
        assertEquals(new ComponentDraft("plc", "PLC", "ftp", Map.of("host", "10.0.0.7")), dialog.result());
    }

    @Test
    void escapeCancels() throws Exception {
        ComponentEditorDialog dialog = ComponentEditorDialog.create(parent, FormUi.catalog(), "");
        open(dialog);
        FormUi.focus(find(dialog.getShell(), "component.id"));
        FormUi.key(SWT.ESC, (char) 27, 0);
        FormUi.waitUntil(() -> dialog.getShell() == null);
        assertEquals(Window.CANCEL, dialog.getReturnCode());
        assertNull(dialog.result());
    }

    @Test
    void everyLabelOfAnEditorHasItsOwnMnemonic() throws Exception {
        ComponentEditorDialog component = ComponentEditorDialog.create(parent, FormUi.catalog(), "ftp");
        open(component);
        assertDistinctMnemonics(component.getShell(), 13);
        component.close();
        JobEditorDialog job = JobEditorDialog.create(parent, FormUi.catalog(), "modbus-tcp", Map.of("host", "plc"));
        open(job);
        assertDistinctMnemonics(job.getShell(), 14);
        job.close();
    }

    private static void assertDistinctMnemonics(Shell shell, int atLeast) {
        List<String> letters = new ArrayList<>();
        for (Control control : FormUi.all(shell, null)) {
            String text = control instanceof Label label ? label.getText()
                    : control instanceof Button button ? button.getText() : "";
            int index = text.indexOf('&');
            if (index >= 0) {
                letters.add(String.valueOf(Character.toLowerCase(text.charAt(index + 1))));
            }
        }
        Set<String> distinct = new HashSet<>(letters);
        assertEquals(letters.size(), distinct.size(), "mnemonics used twice: " + letters);
        assertTrue(letters.size() >= atLeast, "labels with a mnemonic: " + letters);
    }

    @Test
    void aJobIsCheckedWithItsComponentAndItsOptionsAsTheServerChecksThem() throws Exception {
        JobEditorDialog dialog = JobEditorDialog.create(parent, FormUi.catalog(), "modbus-tcp",
                Map.of("host", "10.0.0.7"));
        open(dialog);
        Shell shell = dialog.getShell();
        type(find(shell, "job.id"), "job-plc-7");
        type(find(shell, "job.name"), "Back up PLC 7");
        assertFalse(ok(dialog).isEnabled(), "no register range from the component or the job");
        assertTrue(dialog.getErrorMessage().startsWith("holdingRegisters: no range to back up"), dialog.getErrorMessage());
        type(find(shell, "form.holdingRegisters"), "0-99\n200-299");
        assertTrue(ok(dialog).isEnabled(), dialog.getErrorMessage());
        Text attempts = find(shell, "job.option.maxAttempts");
        type(attempts, "0");
        assertFalse(ok(dialog).isEnabled());
        assertEquals("maxAttempts must be at least 1, was 0",
                ((Label) find(shell, "form.problem.job.option.maxAttempts")).getText(), "the model's own check");
        Rectangle bounds = shell.getBounds();
        FormUi.screenshot("admin-job-form", new Rectangle(bounds.x - 10, bounds.y - 10, bounds.width + 20,
                bounds.height + 20));
        type(attempts, "3");
        type(find(shell, "job.option.warnIfBackupOlderThan"), "soon");
        assertEquals("warnIfBackupOlderThan: must be a duration such as PT30S or a number of milliseconds, not 'soon'",
                dialog.getErrorMessage());
        type(find(shell, "job.option.warnIfBackupOlderThan"), "PT720H");
        type(find(shell, "job.option.pauseBetweenAttempts"), "30000");
        type(find(shell, "job.option.includes"), "**/*.{awl,db}\nconfig/**");
        assertTrue(ok(dialog).isEnabled(), dialog.getErrorMessage());
        ok(dialog).notifyListeners(SWT.Selection, null);
        assertEquals(new JobDraft("job-plc-7", "Back up PLC 7", Map.of("holdingRegisters", "0-99\n200-299"),
                new JobOptions(3, Duration.ofSeconds(30), Duration.ofHours(720), true, List.of("**/*.{awl,db}",
                        "config/**"), List.of(), List.of())), dialog.result());
    }

    @Test
    void editingAJobKeepsWhatTheEditorDoesNotShow() throws Exception {
        JobOptions options = new JobOptions(2, Duration.ZERO, null, false, List.of(), List.of("**/*.tmp"),
                List.of(new IgnoreRule("logs/**", null))).withGentleMode(Duration.ofMillis(200), 65536);
        JobDraft job = new JobDraft("j", "J", Map.of("coils", "0-15"), options);
        JobEditorDialog dialog = JobEditorDialog.edit(parent, FormUi.catalog(), "modbus-tcp", Map.of("host", "plc"),
                job);
        open(dialog);
        assertFalse(((Text) find(dialog.getShell(), "job.id")).getEditable());
        ok(dialog).notifyListeners(SWT.Selection, null);
        assertEquals(job, dialog.result());
    }
}
