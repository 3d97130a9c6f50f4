package org.airgap.client.admin.plant.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.ui.CompareResultStyle;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * The Plant view's calls to the server and its status line: each call an Eclipse job (never on the UI thread)
 * while a busy bar and Cancel show; its answer, or the server's refusal in words ("Deleting folder x failed: …"),
 * comes back on the UI thread.
 */
final class PlantWork {

    private static final Color PROBLEM = new Color(CompareResultStyle.RED);

    /** One call with the administration service and the administrator's online session. */
    interface Call<T> {
        T on(AdministrationService service, ClientSession session, IProgressMonitor monitor) throws IOException;
    }

    private final UISynchronize sync;
    private final Supplier<AdministrationService> service;
    private final Supplier<SessionService> sessions;
    private final Label status;
    private final Composite busy;
    private final List<Job> running = new ArrayList<>();
    /** How many messages the status line has shown: a read's answer does not replace a newer one. */
    private int messages;

    PlantWork(Composite parent, UISynchronize sync, Supplier<AdministrationService> service,
            Supplier<SessionService> sessions) {
        this.sync = sync;
        this.service = service;
        this.sessions = sessions;
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        status = new Label(bar, SWT.WRAP);
        status.setData(TEST_ID, "plant.status");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(200, SWT.DEFAULT)
                .applyTo(status);
        busy = new Composite(bar, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 0).applyTo(busy);
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(busy);
        ProgressBar progress = new ProgressBar(busy, SWT.INDETERMINATE);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).hint(90, SWT.DEFAULT).applyTo(progress);
        Button cancel = new Button(busy, SWT.PUSH);
        cancel.setText("&Cancel");
        cancel.setToolTipText("Stop waiting for the server");
        cancel.setData(TEST_ID, "plant.cancel");
        cancel.addListener(SWT.Selection, event -> cancel());
        showBusy();
    }

    /**
     * Runs {@code call} in a job: "{@code task}…" shows while it runs, {@code done} gets the answer on the UI
     * thread; a refusal shows as "{@code task} failed: the server's words", a cancel as "{@code task}: cancelled".
     */
    <T> void run(String task, Call<T> call, Consumer<T> done) {
        AdministrationService administration = service.get();
        Optional<ClientSession> session = AdministratorSession.current(sessions.get());
        if (administration == null || session.isEmpty()) {
            show(administration == null ? "The administration service is not running in this workbench."
                    : "Log in online as an administrator to see the plant.", true);
            return;
        }
        ClientSession current = session.get();
        Job[] job = new Job[1];
        job[0] = Job.create(task, monitor -> {
            try {
                T answer = call.on(administration, current, monitor);
                sync.asyncExec(() -> finished(job[0], () -> done.accept(answer)));
                return Status.OK_STATUS;
            } catch (OperationCanceledException e) {
                sync.asyncExec(() -> finished(job[0], () -> show(task + ": cancelled.", true)));
                return Status.CANCEL_STATUS;
            } catch (IOException | IllegalArgumentException e) {
                sync.asyncExec(() -> finished(job[0], () -> show(task + " failed: " + e.getMessage(), true)));
                return Status.OK_STATUS;
            }
        });
        running.add(job[0]);
        show(task + "\u2026", false);
        showBusy();
        job[0].schedule();
    }

    private void finished(Job job, Runnable then) {
        if (status.isDisposed()) {
            return;
        }
        running.remove(job);
        then.run();
        showBusy();
    }

    int messages() {
        return messages;
    }

    void show(String text, boolean problem) {
        if (status.isDisposed()) {
            return;
        }
        messages++;
        status.setText(text);
        status.setToolTipText(text);
        status.setForeground(problem ? PROBLEM : null);
        status.getParent().layout(true, true);
    }

    void cancel() {
        List.copyOf(running).forEach(Job::cancel);
    }

    private void showBusy() {
        boolean loading = !running.isEmpty();
        busy.setVisible(loading);
        ((GridData) busy.getLayoutData()).exclude = !loading;
        busy.getParent().layout(true, true);
    }

    void dispose() {
        cancel();
        running.clear();
    }
}
