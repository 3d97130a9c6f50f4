package org.airgap.client.tests;

import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.airgap.client.WorkbenchIds;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.update.InstalledFeature;
import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/** The real workbench under Xvfb: window, perspective, Installed plugins, menus, Check for Updates. */
class WorkbenchTest {

    private static WorkbenchHarness workbench;

    @BeforeAll
    static void openWorkbench() {
        workbench = WorkbenchHarness.start("org.airgap.client.product");
        workbench.showPart("org.airgap.client.plugins.part"); // Jobs is in front of it
    }

    @AfterAll
    static void closeWorkbench() {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void mainWindowOpensInTheBackupPerspective() throws Exception {
        assertEquals("Airgap", workbench.ui(() -> workbench.mainShell().orElseThrow().getText()));
        String perspective = workbench.ui(() -> {
            EModelService models = workbench.mainWindow().getContext().get(EModelService.class);
            MPerspective active = models.getActivePerspective(workbench.mainWindow());
            return active == null ? null : active.getElementId();
        });
        assertEquals(WorkbenchIds.PERSPECTIVE_BACKUP, perspective);
        String statusLine = workbench.ui(() -> workbench.find(Label.class, testId("statusline.text")).getText());
        assertTrue(statusLine.startsWith("Airgap 0.1.0"), statusLine);
        Path shot = workbench.screenshot("workbench-main-window");
        assertTrue(Files.size(shot) > 10_000, "screenshot too small to show a window: " + Files.size(shot));
    }

    @Test
    void installedPluginsPartIsContributedByItsFragmentAndListsBundlesWithTheirComponents() {
        MPart part = workbench.ui(() -> {
            EModelService models = workbench.mainWindow().getContext().get(EModelService.class);
            return (MPart) models.find("org.airgap.client.plugins.part", workbench.application());
        });
        assertNotNull(part, "Installed plugins part missing from the model: fragment.e4xmi not applied");
        assertEquals(WorkbenchIds.PARTSTACK_MAIN, workbench.ui(() -> part.getParent().getElementId()));
        assertTrue(workbench.ui(part::isVisible));

        Tree bundles = workbench.find(Tree.class, testId("plugins.bundles"));
        List<String> names = workbench.ui(() -> Arrays.stream(bundles.getItems()).map(i -> i.getText(0)).toList());
        assertTrue(names.contains("org.airgap.client"), names.toString());
        assertTrue(names.contains("org.apache.felix.scr"), names.toString());

        // The update bundle's DS component is listed under it with its state and service.
        String[] component = workbench.ui(() -> {
            TreeItem update = Arrays.stream(bundles.getItems()).filter(i -> i.getText(0).equals("org.airgap.update"))
                    .findFirst().orElseThrow();
            Event expand = new Event();
            expand.item = update;
            bundles.notifyListeners(SWT.Expand, expand); // as a click on the twistie: the viewer adds children
            update.setExpanded(true);
            // The bundle has several components (also the trusted keys' service): take the updates' one.
            TreeItem child = Arrays.stream(update.getItems())
                    .filter(i -> i.getText(0).equals("org.airgap.update.internal.P2SoftwareUpdates")).findFirst()
                    .orElseThrow(() -> new AssertionError("no P2SoftwareUpdates under org.airgap.update: "
                            + Arrays.stream(update.getItems()).map(i -> i.getText(0)).toList()));
            return new String[] { child.getText(0), child.getText(2), child.getText(3) };
        });
        assertEquals("org.airgap.update.internal.P2SoftwareUpdates", component[0]);
        assertTrue(List.of("active", "satisfied").contains(component[1]), component[1]);
        assertEquals("org.airgap.update.SoftwareUpdates", component[2]);
        workbench.screenshot("installed-plugins");
    }

    @Test
    void filterNarrowsTheBundleList() {
        Text filter = workbench.find(Text.class, testId("plugins.filter"));
        Tree bundles = workbench.find(Tree.class, testId("plugins.bundles"));
        int all = workbench.ui(bundles::getItemCount);
        workbench.run(() -> filter.setText("org.airgap.client.plugins"));
        workbench.settle();
        List<String> shown = workbench.ui(() -> Arrays.stream(bundles.getItems()).map(i -> i.getText(0)).toList());
        assertEquals(List.of("org.airgap.client.plugins"), shown);
        workbench.screenshot("installed-plugins-filtered");
        workbench.run(() -> filter.setText(""));
        workbench.settle();
        assertEquals(all, workbench.ui(bundles::getItemCount));
    }

    @Test
    void helpMenuOffersCheckForUpdatesAndAbout() {
        List<String> help = workbench.ui(() -> {
            Menu bar = workbench.mainShell().orElseThrow().getMenuBar();
            MenuItem helpItem = Arrays.stream(bar.getItems()).filter(i -> i.getText().equals("&Help")).findFirst()
                    .orElseThrow();
            Menu menu = helpItem.getMenu();
            menu.notifyListeners(SWT.Show, null); // E4 fills menus when shown
            return Arrays.stream(menu.getItems()).map(MenuItem::getText).filter(t -> !t.isEmpty()).toList();
        });
        assertTrue(help.stream().anyMatch(t -> t.startsWith("Check for &Updates")), help.toString());
        assertTrue(help.stream().anyMatch(t -> t.startsWith("&About Airgap")), help.toString());
    }

    @Test
    void checkForUpdatesInADevelopmentRuntimeExplainsWhyItCannot() {
        Shell dialog = openDialog(WorkbenchIds.COMMAND_CHECK_FOR_UPDATES, "Check for Updates",
                t -> t.contains("not managed by p2"), "check-for-updates-unmanaged");
        workbench.press(dialog, "OK");
        assertFalse(workbench.ui(() -> !dialog.isDisposed() && dialog.isVisible()), "dialog still open");
    }

    @Test
    void checkForUpdatesTellsAnAccountThatMayNotChangeTheInstallationThatAnAdministratorMustInstall() {
        String refusal = "The account tech1 may not change the Airgap installation /opt/airgap: it cannot write "
                + "/opt/airgap/plugins. An administrator must run it, for example: sudo /opt/airgap/bin/airgap update. "
                + "Nothing was changed.";
        BundleContext context = FrameworkUtil.getBundle(WorkbenchTest.class).getBundleContext();
        // Ranked above the runtime's own service, which finds nothing to update in this unmanaged runtime.
        ServiceRegistration<SoftwareUpdates> registration = context.registerService(SoftwareUpdates.class,
                new RefusingUpdates(refusal), new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 1000)));
        try {
            Shell dialog = openDialog(WorkbenchIds.COMMAND_CHECK_FOR_UPDATES, "Check for Updates",
                    t -> t.contains(refusal) && t.contains("org.airgap.client 0.1.0 \u2192 0.2.0"),
                    "check-for-updates-not-permitted");
            assertFalse(workbench.texts(dialog).stream().anyMatch(t -> t.contains("Install them now?")));
            workbench.press(dialog, "OK");
        } finally {
            registration.unregister();
        }
    }

    /** Finds an update but refuses to install it, as for an account that cannot write the installation. */
    private record RefusingUpdates(String refusal) implements SoftwareUpdates {
        @Override
        public boolean isManaged() {
            return false;
        }

        @Override
        public List<InstalledFeature> installedFeatures() {
            return List.of();
        }

        @Override
        public List<URI> repositories() {
            return List.of();
        }

        @Override
        public UpdateResult check(URI repository, IProgressMonitor monitor) {
            return new UpdateResult(Outcome.UPDATES_AVAILABLE, "1 update(s) available.",
                    List.of("org.airgap.client 0.1.0 \u2192 0.2.0"));
        }

        @Override
        public UpdateResult update(URI repository, IProgressMonitor monitor) {
            throw new AssertionError("the workbench must not try to install");
        }

        @Override
        public UpdateResult install(String featureId, URI repository, IProgressMonitor monitor) {
            throw new AssertionError("the workbench must not try to install");
        }

        @Override
        public Optional<UpdateResult> updateRefusal() {
            return Optional.of(new UpdateResult(Outcome.NOT_PERMITTED, refusal, List.of()));
        }
    }

    @Test
    void aboutShowsTheVersion() {
        Shell dialog = openDialog(WorkbenchIds.COMMAND_ABOUT, "About Airgap", t -> t.startsWith("Airgap 0.1.0"),
                "about");
        workbench.run(dialog::close);
    }

    /** Executes a command that opens a dialog, checks that one of its texts is {@code expected}, screenshots it. */
    private static Shell openDialog(String command, String title, Predicate<String> expected, String screenshot) {
        workbench.executeCommand(command);
        Shell dialog = workbench.waitForShell(title, Duration.ofSeconds(30));
        List<String> texts = workbench.texts(dialog);
        assertTrue(texts.stream().anyMatch(expected), texts.toString());
        workbench.screenshot(screenshot);
        return dialog;
    }
}
