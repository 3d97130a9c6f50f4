package org.airgap.client.compare.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.airgap.compare.CompareEngine;
import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.compare.FileDiff;
import org.airgap.store.ContentStore;
import org.airgap.store.ManifestEntry;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * The right side of the Compare part: one of a message, the side-by-side text diff or the table diff of
 * the selected file. {@link #read} works out off the UI thread what a file's differences need.
 */
final class CompareDetail {

    private final Composite detail;
    private final StackLayout stack;
    private final Label message;
    private final TextDiffPane textPane;
    private final TableDiffPane tablePane;

    CompareDetail(Composite parent) {
        detail = new Composite(parent, SWT.NONE);
        stack = new StackLayout();
        detail.setLayout(stack);
        message = new Label(detail, SWT.WRAP);
        message.setData(TEST_ID, "compare.message");
        textPane = new TextDiffPane(detail);
        tablePane = new TableDiffPane(detail);
    }

    void showMessage(String text) {
        message.setText(text);
        showPage(message);
    }

    private void showPage(Control page) {
        stack.topControl = page;
        detail.layout(true, true);
    }

    /** Reads what the diff of one entry needs (off the UI thread) and returns how to show it. */
    Runnable read(ContentStore store, CompareEngine engine, CompareLoad shown, EntryComparison entry)
            throws IOException {
        FileDiff diff = engine.diff(entry.basis(), store::openBlob, entry.backup(), store::openBlob, shown.rules());
        if (diff instanceof FileDiff.Text text) {
            SideBySide layout = SideBySide.of(contents(store, entry.basis()), contents(store, entry.backup()),
                    text.diff());
            String left = entry.basis() == null ? "(not in the basis)" : shown.basisLabel();
            String right = entry.backup() == null ? "(not in the backup)" : shown.backupLabel();
            String note = text.note() != null ? text.note()
                    : entry.status() == EntryStatus.IGNORED ? "Left out by an ignore rule" : null;
            return () -> {
                textPane.show(layout, left, right, note);
                showPage(textPane.control());
            };
        }
        if (diff instanceof FileDiff.Table table) {
            return () -> {
                tablePane.show(entry.path(), table.diff());
                showPage(tablePane.control());
            };
        }
        FileDiff.Opaque opaque = (FileDiff.Opaque) diff;
        String text = entry.path() + ": " + CompareNode.label(entry.status()).toLowerCase(Locale.ROOT)
                + ". No line differences to show: " + opaque.reason() + ".";
        return () -> showMessage(text);
    }

    private static String contents(ContentStore store, ManifestEntry entry) throws IOException {
        if (entry == null) {
            return "";
        }
        try (InputStream in = store.openBlob(entry.sha256())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    boolean isDisposed() {
        return detail.isDisposed();
    }

    Composite control() {
        return detail;
    }
}
