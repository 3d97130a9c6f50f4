package org.airgap.testing.workbench;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs the real Airgap workbench (the product's E4 application, model, fragments and CSS) inside the
 * test's OSGi runtime on a UI thread of its own, and gives tests what a person has: the windows and
 * their widgets, commands, and screenshots (PNG, under {@code target/screenshots}). Needs a display:
 * run under Xvfb on a headless machine.
 *
 * <pre>
 * try (WorkbenchHarness workbench = WorkbenchHarness.start("org.airgap.client.product")) {
 *     Tree tree = workbench.find(Tree.class, WorkbenchHarness.testId("plugins.bundles"));
 *     workbench.screenshot("installed-plugins");
 * }
 * </pre>
 */
public final class WorkbenchHarness implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Thread uiThread;
    private final AtomicReference<Throwable> failure;
    private final Display display;
    private final IWorkbench workbench;

    private WorkbenchHarness(Thread uiThread, AtomicReference<Throwable> failure, Display display, IWorkbench workbench) {
        this.uiThread = uiThread;
        this.failure = failure;
        this.display = display;
        this.workbench = workbench;
    }

    /**
     * Starts the product's workbench and waits until its main window is open. Persisted window state is
     * neither read nor written, so every test starts from the application model as shipped.
     */
    public static WorkbenchHarness start(String productId) {
        return start(productId, new String[0]);
    }

    /** Likewise, with further command line arguments, as if given to {@code bin/airgap}. */
    public static WorkbenchHarness start(String productId, String... arguments) {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalStateException("No display: run the UI tests under Xvfb (xvfb-run, or ./dev test)");
        }
        List<String> launch = new ArrayList<>(List.of("-clearPersistedState", "-persistState", "false"));
        launch.addAll(List.of(arguments));
        ProductApplicationContext context = new ProductApplicationContext(productId, launch.toArray(String[]::new));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread ui = new Thread(() -> {
            try {
                new E4Application().start(context);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "airgap-workbench-ui");
        ui.setDaemon(true);
        ui.start();

        ServiceTracker<IWorkbench, IWorkbench> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(WorkbenchHarness.class).getBundleContext(), IWorkbench.class, null);
        tracker.open();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (failure.get() != null || !ui.isAlive()) {
                    throw new IllegalStateException("The workbench failed to start", failure.get());
                }
                IWorkbench workbench = tracker.getService();
                Display display = Display.findDisplay(ui);
                if (workbench != null && display != null) {
                    WorkbenchHarness harness = new WorkbenchHarness(ui, failure, display, workbench);
                    if (harness.ui(() -> harness.mainShell().map(Shell::isVisible).orElse(false))) {
                        harness.settle();
                        return harness;
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tracker.close();
        }
        throw new IllegalStateException("The workbench window did not open within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** Runs {@code work} on the UI thread and returns its result; exceptions reach the test. */
    public <T> T ui(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        if (thrown.get() instanceof RuntimeException e) {
            throw e;
        }
        if (thrown.get() instanceof Error e) {
            throw e;
        }
        if (thrown.get() != null) {
            throw new IllegalStateException(thrown.get());
        }
        return result.get();
    }

    /** Runs {@code work} on the UI thread. */
    public void run(Runnable work) {
        ui(() -> {
            work.run();
            return null;
        });
    }

    public Display display() {
        return display;
    }

    public MApplication application() {
        return workbench.getApplication();
    }

    /** The main window's model element. */
    public MWindow mainWindow() {
        return ui(() -> application().getSelectedElement());
    }

    /** The main window's shell (on the UI thread only). */
    public Optional<Shell> mainShell() {
        MWindow window = application().getSelectedElement();
        return window != null && window.getWidget() instanceof Shell shell && !shell.isDisposed() ? Optional.of(shell)
                : Optional.empty();
    }

    /**
     * Brings a part to the front of its stack and activates it, as clicking its tab would; its widgets
     * exist afterwards (parts behind others are created only when first shown).
     */
    public void showPart(String partId) {
        run(() -> {
            EPartService parts = mainWindow().getContext().get(EPartService.class);
            if (parts.showPart(partId, PartState.ACTIVATE) == null) {
                throw new AssertionError("No part " + partId + " in the application model");
            }
        });
        settle();
    }

    /** Processes pending UI events, so that what a test reads is what is painted. */
    public void settle() {
        run(() -> {
            while (display.readAndDispatch()) {
                // drain
            }
        });
    }

    /** Matches widgets by the id a view gave them under {@link #TEST_ID}. */
    public static Predicate<Widget> testId(String id) {
        return widget -> id.equals(widget.getData(TEST_ID));
    }

    /** All widgets of {@code type} in every open shell that match (depth first, in z-order). */
    public <W extends Widget> List<W> findAll(Class<W> type, Predicate<? super W> matching) {
        return ui(() -> {
            List<W> found = new ArrayList<>();
            for (Shell shell : display.getShells()) {
                collect(shell, type, matching, found);
            }
            return found;
        });
    }

    /** The one widget of {@code type} that matches; fails with the count when there is none or several. */
    public <W extends Widget> W find(Class<W> type, Predicate<? super W> matching) {
        List<W> found = findAll(type, matching);
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + type.getSimpleName() + " matching, found " + found.size());
        }
        return found.get(0);
    }

    private static <W extends Widget> void collect(Control control, Class<W> type, Predicate<? super W> matching,
            List<W> found) {
        if (type.isInstance(control) && matching.test(type.cast(control))) {
            found.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, matching, found);
            }
        }
    }

    /** The texts of the labels in a window (a dialog's message), top to bottom. */
    public List<String> texts(Shell shell) {
        return findAll(Label.class, label -> label.getShell() == shell).stream().map(label -> ui(label::getText))
                .toList();
    }

    /** Presses the button labelled {@code text} in a window, as a click would. */
    public void press(Shell shell, String text) {
        Button button = find(Button.class, b -> b.getShell() == shell && b.getText().equals(text));
        run(() -> {
            button.setSelection(true);
            button.notifyListeners(SWT.Selection, new Event());
        });
        settle();
    }

    /** Waits until a shell with this title is open (a dialog), or fails after {@code timeout}. */
    public Shell waitForShell(String title, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Shell shell = ui(() -> {
                for (Shell candidate : display.getShells()) {
                    if (!candidate.isDisposed() && candidate.isVisible() && title.equals(candidate.getText())) {
                        return candidate;
                    }
                }
                return null;
            });
            if (shell != null) {
                settle();
                return shell;
            }
            sleep(100);
        }
        throw new AssertionError("No window titled '" + title + "' opened within " + timeout.toSeconds() + " s");
    }

    /**
     * Executes a command of the application model as a menu item or key binding would, without waiting:
     * a command that opens a dialog blocks the UI thread until the test closes it.
     */
    public void executeCommand(String commandId) {
        display.asyncExec(() -> {
            var context = mainWindow().getContext();
            ECommandService commands = context.get(ECommandService.class);
            EHandlerService handlers = context.get(EHandlerService.class);
            handlers.executeHandler(commands.createCommand(commandId, null));
        });
    }

    /**
     * Saves a PNG of the whole screen (what a person would see) as {@code <screenshots>/<name>.png}, where
     * screenshots is the system property {@code airgap.screenshots} or {@code target/screenshots}.
     */
    public Path screenshot(String name) {
        return screenshot(name, ui(display::getBounds));
    }

    /** Likewise, only the part of the screen within {@code area} (a dialog and a margin around it). */
    public Path screenshot(String name, Rectangle area) {
        settle();
        Path directory = Path.of(System.getProperty("airgap.screenshots", "target/screenshots"));
        Path file = directory.resolve(name + ".png");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + directory, e);
        }
        run(() -> {
            Rectangle bounds = area.intersection(display.getBounds());
            Image image = new Image(display, bounds.width, bounds.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, bounds.x, bounds.y);
                ImageData data = image.getImageData();
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { data };
                loader.save(file.toString(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
        return file;
    }

    /** Closes the workbench as File > Exit would and waits for its UI thread to end. */
    @Override
    public void close() {
        if (uiThread.isAlive() && !display.isDisposed()) {
            display.asyncExec(() -> {
                // Close dialogs a failed test left open; they would block the workbench's close.
                for (Shell shell : display.getShells()) {
                    if (shell != mainShell().orElse(null) && shell.getParent() != null) {
                        shell.close();
                    }
                }
                workbench.close();
            });
        }
        try {
            uiThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The workbench failed while closing", failure.get());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
