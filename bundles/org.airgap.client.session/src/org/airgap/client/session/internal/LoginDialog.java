package org.airgap.client.session.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.SessionEndReason;
import org.airgap.session.CertificateProblem;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.session.SessionStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Logs the technician in, online at the server or offline against what the last sync stored. The login
 * runs in an Eclipse Job; the dialog only shows its progress and its outcome, and stays open with the
 * service's message (which names the problem) when the login is refused. As the lock screen it cannot be
 * cancelled or closed: the workbench behind it keeps working (runs, uploads) until someone logs in.
 */
public class LoginDialog extends Dialog {

    /** Why the dialog is open. */
    public enum Mode {
        /** The workbench just opened without a session: the technician may also go on without one. */
        STARTUP,
        /** File > Log in…. */
        COMMAND,
        /** The session ended: the workbench is locked until someone logs in. */
        LOCK
    }

    public static final String TITLE = "Log in to Airgap";
    public static final String LOCKED_TITLE = "Airgap is locked";

    private final SessionService sessions;
    private final Mode mode;
    private final String launchServer;
    private SessionEndReason reason;

    private Label reasonLabel;
    private Button online;
    private Button offline;
    private Text server;
    private Text user;
    private Text password;
    private Label offlineHint;
    private Label message;
    private ProgressBar progress;
    private Job login;

    /**
     * @param reason       why the last session ended, shown at the top; {@code null} for none
     * @param launchServer the server URL the workbench was started with, offered before the remembered one;
     *                     empty for none
     */
    public LoginDialog(Shell parent, SessionService sessions, Mode mode, SessionEndReason reason,
            String launchServer) {
        super(parent);
        this.sessions = sessions;
        this.mode = mode;
        this.reason = reason;
        this.launchServer = launchServer;
        setShellStyle(SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL);
    }

    public Mode mode() {
        return mode;
    }

    /** A session ended while the dialog was open: say so (the lock screen shows the latest reason). */
    public void sessionEnded(SessionEndReason endReason) {
        this.reason = endReason;
        if (reasonLabel != null && !reasonLabel.isDisposed()) {
            reasonLabel.setText(reasonText());
            reasonLabel.getParent().layout(true, true);
        }
    }

    /** A session started while the dialog was open, not by its own login: nothing left to ask. */
    public void sessionStarted() {
        if (login == null && getShell() != null && !getShell().isDisposed()) {
            setReturnCode(OK);
            close();
        }
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(mode == Mode.LOCK ? LOCKED_TITLE : TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(8, 8).applyTo(area);

        reasonLabel = new Label(area, SWT.WRAP);
        reasonLabel.setData(TEST_ID, "login.reason");
        reasonLabel.setText(reasonText());
        GridDataFactory.fillDefaults().span(2, 1).hint(440, SWT.DEFAULT).grab(true, false).applyTo(reasonLabel);

        Composite modes = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 0).applyTo(modes);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(modes);
        online = new Button(modes, SWT.RADIO);
        online.setText("&Online at the server");
        online.setData(TEST_ID, "login.online");
        offline = new Button(modes, SWT.RADIO);
        offline.setText("O&ffline on this laptop");
        offline.setData(TEST_ID, "login.offline");

        server = field(area, "&Server URL:", "login.server", SWT.BORDER);
        server.setMessage("https://airgap-server:8080");
        user = field(area, "&User:", "login.user", SWT.BORDER);
        password = field(area, "&Password:", "login.password", SWT.BORDER | SWT.PASSWORD);

        offlineHint = new Label(area, SWT.WRAP);
        offlineHint.setData(TEST_ID, "login.offlineHint");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(offlineHint);

        message = new Label(area, SWT.WRAP);
        message.setData(TEST_ID, "login.message");
        message.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().span(2, 1).hint(440, SWT.DEFAULT).grab(true, false).applyTo(message);

        progress = new ProgressBar(area, SWT.INDETERMINATE);
        progress.setData(TEST_ID, "login.progress");
        progress.setVisible(false);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(progress);

        fillIn();
        online.addListener(SWT.Selection, event -> updateFields());
        offline.addListener(SWT.Selection, event -> updateFields());
        user.addListener(SWT.Modify, event -> updateFields());
        updateFields();
        (user.getText().isEmpty() ? user : password).setFocus();
        return area;
    }

    private static Text field(Composite area, String label, String testId, int style) {
        new Label(area, SWT.NONE).setText(label);
        Text text = new Text(area, style);
        text.setData(TEST_ID, testId);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(text);
        return text;
    }

    /** The last session's user and way of login, and the server the launch named or else the remembered one. */
    private void fillIn() {
        server.setText(launchServer.isEmpty() ? ClientPreferences.get(ClientPreferences.SERVER_URL) : launchServer);
        SessionStatus status = sessions.status();
        boolean wasOffline = false;
        if (status.session() != null) {
            user.setText(status.session().user());
            wasOffline = !status.session().online();
            if (status.session().online() && server.getText().isEmpty()) {
                server.setText(status.session().server().toString());
            }
        }
        online.setSelection(!wasOffline);
        offline.setSelection(wasOffline);
    }

    private String reasonText() {
        if (reason != null) {
            String message = reason.message();
            return Character.toUpperCase(message.charAt(0)) + message.substring(1) + "."
                    + (mode == Mode.LOCK ? "\nRuns and uploads in progress go on; log in to continue working." : "");
        }
        return mode == Mode.LOCK ? "Log in to continue working." : "Log in online at the Airgap server, or offline "
                + "at the plant if you have synced on this laptop before.";
    }

    private void updateFields() {
        boolean busy = login != null;
        String name = user.getText().strip();
        boolean offlineAvailable = !name.isEmpty() && sessions.offlineLoginAvailable(name);
        if (offline.getSelection() && !offlineAvailable && !name.isEmpty()) {
            offlineHint.setText("No offline login for " + name + " on this laptop: log in online and sync first.");
        } else if (offline.getSelection()) {
            offlineHint.setText("Offline: the password is checked against what the last sync stored.");
        } else {
            offlineHint.setText(offlineAvailable ? "Offline login is available for " + name + "." : "");
        }
        online.setEnabled(!busy);
        offline.setEnabled(!busy);
        server.setEnabled(!busy && online.getSelection());
        user.setEnabled(!busy);
        password.setEnabled(!busy);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(!busy && !name.isEmpty() && (online.getSelection() || offlineAvailable));
        }
        Button cancel = getButton(IDialogConstants.CANCEL_ID);
        if (cancel != null) {
            cancel.setEnabled(!busy);
        }
        offlineHint.getParent().layout(true, true);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button ok = createButton(parent, IDialogConstants.OK_ID, "&Log in", true);
        ok.setData(TEST_ID, "login.ok");
        if (mode != Mode.LOCK) {
            createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        }
        updateFields();
    }

    @Override
    protected void okPressed() {
        if (login != null) {
            return;
        }
        boolean atServer = online.getSelection();
        URI address;
        try {
            address = atServer ? serverAddress(server.getText().strip()) : null;
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage());
            return;
        }
        startLogin(address, null);
    }

    /**
     * Logs in in an Eclipse Job, online at {@code address} or offline when it is {@code null}; first pins
     * {@code trust} for {@code address} when the technician just confirmed that certificate.
     */
    private void startLogin(URI address, CertificateFingerprint trust) {
        String name = user.getText().strip();
        char[] secret = password.getText().toCharArray();
        boolean atServer = address != null;
        showMessage("");
        progress.setVisible(true);
        Display display = getShell().getDisplay();
        login = Job.create(atServer ? "Logging in as " + name + " at " + address : "Logging in offline as " + name,
                monitor -> {
                    try {
                        if (trust != null) {
                            sessions.trustCertificate(address, trust);
                        }
                        ClientSession session = atServer ? sessions.loginOnline(address, name, secret)
                                : sessions.loginOffline(name, secret);
                        display.asyncExec(() -> loggedIn(session));
                    } catch (SessionException e) {
                        display.asyncExec(() -> e.certificate().ifPresentOrElse(problem -> askAbout(problem, e),
                                () -> refused(problem(e))));
                    } catch (IOException | RuntimeException e) {
                        display.asyncExec(() -> refused(problem(e)));
                    } finally {
                        Arrays.fill(secret, '\0');
                    }
                    return Status.OK_STATUS;
                });
        login.setSystem(true);
        updateFields();
        login.schedule();
    }

    /**
     * A certificate nobody vouches for: the technician decides; trusting it logs in again at once. The
     * question does not block (no nested event loop), as this dialog does not: the answer comes when it closes.
     */
    private void askAbout(CertificateProblem problem, SessionException refusal) {
        refused("");
        if (getShell() == null || getShell().isDisposed()) {
            return;
        }
        CertificateDialog question = new CertificateDialog(getShell(), problem);
        question.setBlockOnOpen(false);
        question.open();
        Display display = getShell().getDisplay();
        question.getShell().addListener(SWT.Dispose,
                event -> display.asyncExec(() -> answered(problem, refusal, question.getReturnCode() == OK)));
    }

    private void answered(CertificateProblem problem, SessionException refusal, boolean trusted) {
        if (getShell() == null || getShell().isDisposed() || login != null) {
            return; // a login elsewhere closed this dialog (and the question with it)
        }
        if (trusted) {
            startLogin(problem.server(), problem.presented());
        } else {
            refused(problem.firstContact() ? "Not logged in: the certificate of " + problem.server() + " was not "
                    + "trusted. Log in again to compare its fingerprint once more." : refusal.getMessage());
        }
    }

    /** The URL as typed, checked: {@code http(s)://host:port}. */
    static URI serverAddress(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Enter the server URL, e.g. https://airgap-server:8080");
        }
        try {
            URI address = new URI(text);
            String scheme = address.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || address.getHost() == null) {
                throw new URISyntaxException(text, "not http://HOST:PORT or https://HOST:PORT");
            }
            return address;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a server URL: use http://HOST:PORT or "
                    + "https://HOST:PORT");
        }
    }

    /** The service's message names the problem; other failures are named with their type. */
    static String problem(Exception e) {
        String text = e.getMessage();
        if (e instanceof IOException && text != null) {
            return text;
        }
        return "Login failed: " + (text == null ? e.getClass().getSimpleName() : text);
    }

    private void loggedIn(ClientSession session) {
        login = null;
        if (session.online()) {
            ClientPreferences.set(ClientPreferences.SERVER_URL, session.server().toString());
        }
        if (getShell() != null && !getShell().isDisposed()) {
            setReturnCode(OK);
            close();
        }
    }

    private void refused(String text) {
        login = null;
        if (getShell() == null || getShell().isDisposed()) {
            return;
        }
        progress.setVisible(false);
        showMessage(text);
        updateFields();
        password.selectAll();
        password.setFocus();
    }

    private void showMessage(String text) {
        message.setText(text);
        message.getParent().layout(true, true);
        getShell().layout(true, true);
        // A long message must be readable without resizing the dialog by hand.
        getShell().setSize(getShell().computeSize(getShell().getSize().x, SWT.DEFAULT));
    }

    @Override
    protected void cancelPressed() {
        if (login == null && mode != Mode.LOCK) {
            super.cancelPressed();
        }
    }

    @Override
    protected void handleShellCloseEvent() {
        // The lock screen stays until a login succeeds; no dialog closes under a running login.
        if (login == null && mode != Mode.LOCK) {
            super.handleShellCloseEvent();
        }
    }
}
