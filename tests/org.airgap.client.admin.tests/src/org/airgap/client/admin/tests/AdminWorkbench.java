package org.airgap.client.admin.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.airgap.client.WorkbenchIds;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;

/** What the administration UI tests do with the workbench: commands, the menu bar, the perspective, waiting. */
final class AdminWorkbench {

    static final Duration WAIT = Duration.ofSeconds(30);

    private AdminWorkbench() {
    }

    /** Whether the command's handler would run now, as a menu item or key binding asks. */
    static boolean canExecute(WorkbenchHarness workbench, String commandId) {
        return workbench.ui(() -> {
            IEclipseContext context = workbench.mainWindow().getContext();
            ParameterizedCommand command = context.get(ECommandService.class).createCommand(commandId, Map.of());
            return context.get(EHandlerService.class).canExecute(command);
        });
    }

    /** Executes a command as a menu item or key binding would, and lets the UI settle. */
    static void execute(WorkbenchHarness workbench, String commandId) {
        workbench.run(() -> {
            IEclipseContext context = workbench.mainWindow().getContext();
            ParameterizedCommand command = context.get(ECommandService.class).createCommand(commandId, Map.of());
            context.get(EHandlerService.class).executeHandler(command);
        });
        workbench.settle();
    }

    /** The texts of the main window's menu bar, as shown (mnemonics removed). */
    static List<String> menuBar(WorkbenchHarness workbench) {
        return workbench.ui(() -> {
            List<String> texts = new ArrayList<>();
            Shell shell = workbench.mainShell().orElseThrow();
            Menu bar = shell.getMenuBar();
            for (MenuItem item : bar.getItems()) {
                texts.add(item.getText().replace("&", ""));
            }
            return texts;
        });
    }

    /** The id of the main window's current perspective. */
    static String perspective(WorkbenchHarness workbench) {
        return workbench.ui(() -> {
            EModelService models = workbench.mainWindow().getContext().get(EModelService.class);
            MPerspective active = models.getActivePerspective(workbench.mainWindow());
            return active == null ? null : active.getElementId();
        });
    }

    /** Whether the perspective of this id is offered (visible) in the main window. */
    static boolean perspectiveVisible(WorkbenchHarness workbench, String id) {
        return workbench.ui(() -> {
            EModelService models = workbench.mainWindow().getContext().get(EModelService.class);
            List<MPerspective> found = models.findElements(workbench.mainWindow(), id, MPerspective.class);
            return !found.isEmpty() && found.get(0).isVisible();
        });
    }

    /** Polls {@code condition} on the UI thread, settling between tries, until it holds. */
    static void waitUntil(WorkbenchHarness workbench, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            workbench.settle();
            if (workbench.ui(condition)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        Path shot = workbench.screenshot("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
        throw new AssertionError("Not within " + WAIT.toSeconds() + " s: " + what + " (screen: " + shot + ")");
    }

    /** The Backup perspective's id, which the technician's workbench always shows. */
    static final String BACKUP = WorkbenchIds.PERSPECTIVE_BACKUP;
}
