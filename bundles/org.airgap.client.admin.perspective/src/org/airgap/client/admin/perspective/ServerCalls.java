package org.airgap.client.admin.perspective;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.airgap.client.admin.AdministrationService;
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
 * An Administration view's calls that change something on the server (or read for it), with its status line: each
 * call an Eclipse job (never on the UI thread) while the busy bar and Cancel show ({@link BusyStatus}); its answer,
 * or the server's refusal in words ("Disabling tom failed: …"), comes back on the UI thread.
 */
public final class ServerCalls {

    /** One call with the administration service and the administrator's online session. */
    public interface Call<T> {
        T on(AdministrationService service, ClientSession session, IProgressMonitor monitor) throws IOException;
    }

    private final UISynchronize sync;
    private final Supplier<AdministrationService> service;
    private final Supplier<SessionService> sessions;
    private final String toDo;
    private final BusyStatus status;
    private final List<Job> running = new ArrayList<>();
    /** How many messages the status line has shown: a view's read does not replace a newer one. */
    private int messages;

    /**
     * Adds the status line and busy bar (test ids {@code <testIdPrefix>.status}, {@code <testIdPrefix>.cancel}) to
     * {@code parent}, a grid of one column.
     *
     * @param toDo what the view does, as "Log in online as an administrator to …." ends ("manage users")
     */
    public ServerCalls(Composite parent, String testIdPrefix, String toDo, UISynchronize sync,
            Supplier<AdministrationService> service, Supplier<SessionService> sessions) {
        this.sync = sync;
        this.service = service;
        this.sessions = sessions;
        this.toDo = toDo;
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        status = new BusyStatus(bar, testIdPrefix, this::cancel);
        showBusy();
    }

    /**
     * Runs {@code call} in a job: "{@code task}…" shows while it runs, {@code done} gets the answer on the UI thread;
     * a refusal shows as "{@code task} failed: the server's words", a cancel as "{@code task}: cancelled.".
     */
    public <T> void run(String task, Call<T> call, Consumer<T> done) {
        run(task, call, done, () -> {
        });
    }

    /** As {@link #run(String, Call, Consumer)}; {@code failed} runs on the UI thread when the call did not succeed. */
    public <T> void run(String task, Call<T> call, Consumer<T> done, Runnable failed) {
        AdministrationService administration = service.get();
        Optional<ClientSession> session = AdministratorSession.forCall(administration != null, sessions.get(), toDo,
                problem -> show(problem, true));
        if (session.isEmpty()) {
            return;
        }
        ClientSession current = session.get();
        IJobFunction work = monitor -> ServerRead.inJob(() -> {
            T answer = call.on(administration, current, monitor);
            sync.asyncExec(() -> finished(() -> done.accept(answer)));
        }, () -> sync.asyncExec(() -> finished(() -> {
            show(task + ": cancelled.", true);
            failed.run();
        })), failure -> sync.asyncExec(() -> finished(() -> {
            show(task + " failed: " + failure.getMessage(), true);
            failed.run();
        })));
        Job job = Job.create(task, work);
        running.add(job);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                sync.asyncExec(() -> {
                    running.remove(job);
                    showBusy();
                });
            }
        });
        show(task + "\u2026", false);
        showBusy();
        job.schedule();
    }

    private void finished(Runnable then) {
        if (!status.isDisposed()) {
            then.run();
        }
    }

    /** How many messages the status line has shown so far. */
    public int messages() {
        return messages;
    }

    public void show(String text, boolean problem) {
        messages++;
        status.show(text, problem);
    }

    public void cancel() {
        List.copyOf(running).forEach(Job::cancel);
    }

    private void showBusy() {
        status.busy(!running.isEmpty());
    }

    /** Stops every call; their answers are dropped with the view. */
    public void dispose() {
        cancel();
        running.clear();
    }
}
