package org.airgap.client.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.airgap.client.forms.internal.FormIds;
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
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The tests' display (one for the test runtime, on the test thread), the driver catalog, widgets found by id. */
final class FormUi {

    private static Display display;
    private static DriverCatalog catalog;

    private FormUi() {
    }

    static synchronized Display display() {
        if (display == null) {
            display = new Display();
        }
        return display;
    }

    static BundleContext context() throws BundleException {
        Bundle bundle = FrameworkUtil.getBundle(FormUi.class);
        if (bundle.getBundleContext() == null) {
            bundle.start();
        }
        return bundle.getBundleContext();
    }

    /** The DS catalog, once it lists the four drivers of the test runtime. */
    static synchronized DriverCatalog catalog() throws Exception {
        if (catalog == null) {
            ServiceTracker<DriverCatalog, DriverCatalog> tracker = new ServiceTracker<>(context(), DriverCatalog.class,
                    null);
            tracker.open();
            catalog = tracker.waitForService(Duration.ofSeconds(30).toMillis());
            if (catalog == null) {
                throw new AssertionError("no DriverCatalog service within 30 s");
            }
        }
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (catalog.drivers().size() < 4 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return catalog;
    }

    static DriverInfo driver(String id) throws Exception {
        return catalog().driver(id).orElseThrow(() -> new AssertionError("driver " + id + " not installed"));
    }

    /** Runs the event loop until nothing is left to do, and a little more for the window system to paint. */
    static void settle() {
        long end = System.nanoTime() + Duration.ofMillis(150).toNanos();
        while (System.nanoTime() < end) {
            while (display().readAndDispatch()) {
                // dispatch all
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The widgets named {@code id}, depth first. */
    static List<Control> all(Control root, String id) {
        List<Control> found = new ArrayList<>();
        collect(root, id, found);
        return found;
    }

    @SuppressWarnings("unchecked")
    static <T extends Control> T find(Control root, String id) {
        List<Control> found = all(root, id);
        assertEquals(1, found.size(), "widgets named " + id);
        return (T) found.get(0);
    }

    private static void collect(Control control, String id, List<Control> found) {
        if (id == null || id.equals(control.getData(FormIds.TEST_ID))) {
            found.add(control);
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, id, found);
            }
        }
    }

    /** Every text a person or a screen reader can see: labels, button texts, tooltips, hints. */
    static List<String> visibleTexts(Control root) {
        List<String> texts = new ArrayList<>();
        for (Control control : all(root, null)) {
            if (control instanceof Label label) {
                texts.add(label.getText());
            } else if (control instanceof Button button) {
                texts.add(button.getText());
            } else if (control instanceof Text text) {
                texts.add(text.getMessage());
                if ((text.getStyle() & SWT.PASSWORD) == 0) {
                    texts.add(text.getText());
                }
            }
            texts.add(control.getToolTipText());
        }
        texts.add(root.getShell().getText());
        texts.removeIf(text -> text == null);
        return texts;
    }

    /** A real key press through the display (X events), as a person types it, into the focused control. */
    static void key(int keyCode, char character, int modifier) {
        if (modifier != 0) {
            post(SWT.KeyDown, modifier, '\0');
        }
        post(SWT.KeyDown, keyCode, character);
        post(SWT.KeyUp, keyCode, character);
        if (modifier != 0) {
            post(SWT.KeyUp, modifier, '\0');
        }
        settle();
    }

    private static void post(int type, int keyCode, char character) {
        Event event = new Event();
        event.type = type;
        event.keyCode = keyCode;
        event.character = character;
        display().post(event);
    }

    /** Runs the event loop until {@code condition} holds (key presses take an X round trip), at most 10 s. */
    static void waitUntil(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            settle();
        }
    }

    /** Puts the keyboard into {@code control}, its shell active. */
    static void focus(Control control) {
        control.getShell().forceActive();
        control.setFocus();
        settle();
    }

    static void type(Text text, String value) {
        text.setText(value);
        settle();
    }

    /** A PNG of the screen within {@code area} under {@code target/screenshots}. */
    static Path screenshot(String name, Rectangle area) throws IOException {
        display().setCursorLocation(display().getBounds().width - 1, display().getBounds().height - 1);
        settle();
        settle();
        Path directory = Path.of(System.getProperty("airgap.screenshots", "target/screenshots"));
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".png");
        Rectangle bounds = area.intersection(display().getBounds());
        Image image = new Image(display(), bounds.width, bounds.height);
        GC gc = new GC(display());
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
        return file;
    }
}
