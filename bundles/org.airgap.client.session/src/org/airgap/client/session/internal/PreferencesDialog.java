package org.airgap.client.session.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.airgap.workspace.JobRepository;
import org.airgap.workspace.WorkspaceSettings;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The workbench's preferences: the server URL the login dialog offers, and the workspace folder for the
 * next start (the folder of jobs, runs, snapshots and the audit trail; the current one stays in use
 * until the workbench restarts, so that nothing in progress changes folder); and the setting of the
 * workspace in use whether an upload prunes the backups of uploaded runs that are no longer a compare
 * basis (in the workspace folder, so that {@code airgap} on the same folder follows it too).
 */
public class PreferencesDialog extends Dialog {

    public static final String TITLE = "Preferences";

    private final JobRepository repository;
    private final Path currentWorkspace;
    private Text server;
    private Text workspace;
    private Button prune;
    private Label message;

    /** @param repository the workspace in use, for its folder and settings; {@code null} when unknown */
    public PreferencesDialog(Shell parent, JobRepository repository) {
        super(parent);
        this.repository = repository;
        this.currentWorkspace = repository == null ? null : repository.location();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(3).margins(12, 12).spacing(8, 8).applyTo(area);

        new Label(area, SWT.NONE).setText("&Server URL:");
        server = new Text(area, SWT.BORDER);
        server.setData(TEST_ID, "preferences.server");
        server.setMessage("https://airgap-server:8080");
        server.setText(ClientPreferences.get(ClientPreferences.SERVER_URL));
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(380, SWT.DEFAULT).applyTo(server);

        new Label(area, SWT.NONE).setText("&Workspace folder:");
        workspace = new Text(area, SWT.BORDER);
        workspace.setData(TEST_ID, "preferences.workspace");
        workspace.setMessage("default: inside the workbench's instance area");
        workspace.setText(ClientPreferences.get(ClientPreferences.WORKSPACE));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(workspace);
        Button browse = new Button(area, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, event -> {
            DirectoryDialog chooser = new DirectoryDialog(getShell());
            chooser.setText("Workspace folder");
            chooser.setFilterPath(workspace.getText().isBlank() && currentWorkspace != null
                    ? currentWorkspace.toString() : workspace.getText());
            String chosen = chooser.open();
            if (chosen != null) {
                workspace.setText(chosen);
            }
        });

        Label note = new Label(area, SWT.WRAP);
        note.setText("A new workspace folder takes effect at the next start"
                + (currentWorkspace == null ? "." : "; in use now: " + currentWorkspace)
                + "\nThe command line (-Dairgap.workspace=FOLDER or AIRGAP_WORKSPACE) wins over this setting.");
        GridDataFactory.fillDefaults().span(3, 1).hint(480, SWT.DEFAULT).applyTo(note);

        prune = new Button(area, SWT.CHECK);
        prune.setData(TEST_ID, "preferences.prune");
        prune.setText("&Prune uploaded backups that are no longer a compare basis (the server keeps them)");
        prune.setSelection(pruneSetting().pruneAfterUpload());
        prune.setEnabled(repository != null);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(prune);

        message = new Label(area, SWT.WRAP);
        message.setData(TEST_ID, "preferences.message");
        message.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().span(3, 1).hint(480, SWT.DEFAULT).grab(true, false).applyTo(message);

        server.addListener(SWT.Modify, event -> validate());
        workspace.addListener(SWT.Modify, event -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    /** The workspace's settings; the defaults when there is no workspace or its file cannot be read. */
    private WorkspaceSettings pruneSetting() {
        try {
            return repository == null ? WorkspaceSettings.DEFAULTS : repository.settings();
        } catch (IOException e) {
            return WorkspaceSettings.DEFAULTS;
        }
    }

    /** What is wrong with the fields, or {@code null}. */
    private String problem() {
        String url = server.getText().strip();
        if (!url.isEmpty()) {
            try {
                LoginDialog.serverAddress(url);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        String folder = workspace.getText().strip();
        if (!folder.isEmpty()) {
            try {
                if (!Path.of(folder).isAbsolute()) {
                    return "The workspace folder must be an absolute path, e.g. /home/tech/airgap-workspace";
                }
            } catch (InvalidPathException e) {
                return "'" + folder + "' is not a folder path: " + e.getReason();
            }
        }
        return null;
    }

    private void validate() {
        String problem = problem();
        message.setText(problem == null ? "" : problem);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
        message.getParent().layout(true, true);
        Shell shell = getShell();
        if (shell != null && shell.isVisible()) {
            // A message on two lines must be readable without resizing the dialog by hand.
            shell.setSize(shell.getSize().x, shell.computeSize(shell.getSize().x, SWT.DEFAULT).y);
        }
    }

    @Override
    protected void okPressed() {
        if (problem() != null) {
            return;
        }
        if (repository != null && prune.getSelection() != pruneSetting().pruneAfterUpload()) {
            try {
                repository.saveSettings(new WorkspaceSettings(prune.getSelection()));
            } catch (IOException e) {
                message.setText("The setting could not be saved in " + repository.location() + ": " + e.getMessage());
                return;
            }
        }
        ClientPreferences.set(ClientPreferences.SERVER_URL, server.getText());
        ClientPreferences.set(ClientPreferences.WORKSPACE, workspace.getText());
        super.okPressed();
    }
}
