package org.airgap.benchmark.paint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PostConstruct;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

/**
 * The paint benchmark's driver inside the real workbench product (benchmarks/admin/paint.sh installs this
 * bundle into a copy of the product; it is not shipped). Once the workbench has started, and the session
 * the script logged in is an administrator's, it opens the Administration perspective as its command does,
 * then opens each view of {@code airgap.paintProbe.parts} (part ids, comma-separated)
 * {@code airgap.paintProbe.opens} times afresh: hides the part (which disposes the view), waits a moment,
 * asks the part service to show it, and times with {@link PaintWatch} until all visible rows are painted.
 * Each result is a line in the file {@code airgap.paintProbe.out}; the last line is "done".
 */
public class PaintProbe {

    private static final String PERSPECTIVE = "org.airgap.client.admin.perspective";
    private static final String COMMAND_OPEN = "org.airgap.client.admin.command.open";
    private static final long TIMEOUT_SECONDS = 60;

    private Display display;
    private MApplication application;

    @PostConstruct
    void start(IEventBroker broker, MApplication application) {
        this.display = Display.getCurrent();
        this.application = application;
        broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, event -> {
            Thread probe = new Thread(this::run, "paint probe");
            probe.setDaemon(true);
            probe.start();
        });
    }

    private void run() {
        try {
            List<String> parts = List.of(System.getProperty("airgap.paintProbe.parts", "").split(","));
            int opens = Integer.getInteger("airgap.paintProbe.opens", 5);
            openPerspective(parts.get(0));
            for (String part : parts) {
                for (int open = 1; open <= opens; open++) {
                    reopen(part, open);
                }
            }
            write("done");
        } catch (Throwable e) {
            write("failed: " + e);
            for (StackTraceElement element : e.getStackTrace()) {
                write("  at " + element);
            }
        }
    }

    /** Opens the Administration perspective once the administrator's session is there; times its first view. */
    private void openPerspective(String firstPart) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
        ParameterizedCommand open = ui(() -> window().getContext().get(ECommandService.class)
                .createCommand(COMMAND_OPEN, Map.of()));
        while (!ui(() -> window().getContext().get(EHandlerService.class).canExecute(open))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Administration perspective is not offered: not logged in as an"
                        + " administrator?");
            }
            Thread.sleep(200);
        }
        AtomicReference<PaintWatch> watch = new AtomicReference<>();
        ui(() -> {
            long requested = System.nanoTime();
            window().getContext().get(EHandlerService.class).executeHandler(open);
            MPerspective active = window().getContext().get(EModelService.class).getActivePerspective(window());
            if (active == null || !PERSPECTIVE.equals(active.getElementId())) {
                throw new IllegalStateException("the command did not open the Administration perspective");
            }
            MPart part = part(firstPart);
            if (part.getWidget() instanceof Composite composite) {
                watch.set(PaintWatch.attach(requested, composite));
            }
            return null;
        });
        if (watch.get() == null) {
            write("perspective opened; " + firstPart + " is not shown in it at first");
            return;
        }
        watch.get().await(TIMEOUT_SECONDS);
        write("perspective " + firstPart + " first open: " + ui(watch.get()::result));
    }

    private void reopen(String partId, int open) throws Exception {
        ui(() -> {
            MPart part = part(partId);
            partService().hidePart(part);
            return null;
        });
        Thread.sleep(1000); // the workbench settles; the old view is disposed
        PaintWatch watch = ui(() -> {
            MPart part = part(partId);
            long requested = System.nanoTime();
            partService().showPart(part, EPartService.PartState.ACTIVATE);
            if (!(part.getWidget() instanceof Composite composite)) {
                throw new IllegalStateException(partId + " was not shown");
            }
            return PaintWatch.attach(requested, composite);
        });
        watch.await(TIMEOUT_SECONDS);
        String result = ui(watch::result);
        write(String.format(Locale.ROOT, "%s open %d: %s", partId, open, result));
    }

    private MPart part(String id) {
        MPart part = (MPart) window().getContext().get(EModelService.class).find(id, window());
        if (part == null) {
            throw new IllegalStateException("no part " + id + " in the workbench");
        }
        return part;
    }

    private EPartService partService() {
        return window().getContext().get(EPartService.class);
    }

    private MWindow window() {
        return application.getSelectedElement() != null ? application.getSelectedElement()
                : application.getChildren().get(0);
    }

    private <T> T ui(Callable<T> call) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static synchronized void write(String line) {
        String out = System.getProperty("airgap.paintProbe.out");
        System.err.println("paint probe: " + line);
        if (out == null) {
            return;
        }
        try {
            Files.writeString(Path.of(out), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("paint probe: cannot write " + out + ": " + e);
        }
    }

}
