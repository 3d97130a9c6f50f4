package org.airgap.client.admin.users.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.admin.perspective.BusyStatus;
import org.airgap.client.admin.perspective.ServerRead;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

/**
 * The view's calls to the server: each an Eclipse job (never on the UI thread) while a busy bar and Cancel
 * show; its answer, or the server's refusal in words, comes back on the UI thread. The status line above the
 * view says what happened last.
 */
final class ServerWork {

    /** One call with the administration service and the administrator's online session. */
    interface Call<T> {
        T on(AdministrationService service, ClientSession session, IProgressMonitor monitor) throws IOException;
    }

    private final UISynchronize sync;
    private final Supplier<AdministrationService> service;
    private final Supplier<SessionService> sessions;
    private final BusyStatus status;
    private final List<Job> running = new ArrayList<>();

    ServerWork(Composite parent, UISynchronize sync, Supplier<AdministrationService> service,
            Supplier<SessionService> sessions) {
        this.sync = sync;
        this.service = service;
        this.sessions = sessions;
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        status = new BusyStatus(bar, "users", this::cancel);
        showBusy();
    }

    /**
     * Runs {@code call} in a job: {@code task} shows while it runs ("Disabling tom"), {@code done} gets the
     * answer on the UI thread; a refusal is shown as "{@code task} failed: the server's message".
     */
    <T> void run(String task, Call<T> call, Consumer<T> done) {
        run(task, call, done, () -> {
        });
    }

    /** As {@link #run(String, Call, Consumer)}; {@code failed} runs on the UI thread when the call did not succeed. */
    <T> void run(String task, Call<T> call, Consumer<T> done, Runnable failed) {
        AdministrationService administration = service.get();
        Optional<ClientSession> session = AdministratorSession.forCall(administration != null, sessions.get(),
                "manage users", problem -> show(problem, true));
        if (session.isEmpty()) {
            return;
        }
        ClientSession current = session.get();
        IJobFunction work = monitor -> ServerRead.inJob(() -> {
            T answer = call.on(administration, current, monitor);
            sync.asyncExec(() -> finished(null, () -> done.accept(answer)));
        }, () -> sync.asyncExec(() -> finished(null, () -> {
            show(task + ": cancelled.", true);
            failed.run();
        })), failure -> sync.asyncExec(() -> finished(null, () -> {
            show(task + " failed: " + failure.getMessage(), true);
            failed.run();
        })));
        Job job = Job.create(task, work);
        running.add(job);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                sync.asyncExec(() -> finished(job, () -> {
                }));
            }
        });
        show(task + "\u2026", false);
        showBusy();
        job.schedule();
    }

    private void finished(Job job, Runnable then) {
        if (status.isDisposed()) {
            return;
        }
        if (job != null) {
            running.remove(job);
        }
        then.run();
        showBusy();
    }

    void show(String text, boolean problem) {
        status.show(text, problem);
    }

    void cancel() {
        List.copyOf(running).forEach(Job::cancel);
    }

    private void showBusy() {
        status.busy(!running.isEmpty());
    }

    /** Stops every call; their answers are dropped with the view. */
    void dispose() {
        cancel();
        running.clear();
    }
}
