package org.airgap.client.session.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.session.CertificateProblem;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Asks the technician about a server certificate that no trusted authority signed, as SSH asks about a
 * host key. At the first contact it shows the fingerprint to compare with the one the administrator
 * handed out; OK means "trust it". When the pinned certificate changed it warns that this may be an
 * attack, and re-pinning needs the new fingerprint typed or pasted in from the administrator, so that
 * nobody replaces a pin by clicking through. Cancel is the default button in both cases.
 */
final class CertificateDialog extends Dialog {

    static final String FIRST_CONTACT_TITLE = "Confirm the server's certificate";
    static final String CHANGED_TITLE = "The server's certificate has changed";
    static final String TRUST_LABEL = "&Trust and log in";
    static final String REPIN_LABEL = "&Replace the trusted certificate and log in";
    private static final int WIDTH = 560;

    private final CertificateProblem problem;
    private Text confirmation;

    CertificateDialog(Shell parent, CertificateProblem problem) {
        super(parent);
        this.problem = problem;
        setShellStyle(SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL);
        setReturnCode(CANCEL); // closed any other way than by its trust button: not trusted
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(problem.firstContact() ? FIRST_CONTACT_TITLE : CHANGED_TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(12, 8).applyTo(area);
        Label icon = new Label(area, SWT.NONE);
        icon.setImage(area.getDisplay().getSystemImage(problem.firstContact() ? SWT.ICON_QUESTION : SWT.ICON_WARNING));
        GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.BEGINNING).span(1, problem.firstContact() ? 4 : 7)
                .applyTo(icon);
        if (problem.firstContact()) {
            text(area, "certificate.intro", "The server at " + problem.server() + " presents a certificate that "
                    + "this laptop does not know yet. Its SHA-256 fingerprint is:");
            fingerprint(area, "certificate.presented", problem.presented());
            text(area, "certificate.advice", "Compare it, character by character, with the fingerprint your Airgap "
                    + "administrator gave you (the output of airgap-server fingerprint). Trust it only if the two are "
                    + "the same: this laptop then remembers it for this server and refuses any other certificate.");
            text(area, "certificate.otherwise", "If they differ, or you have no fingerprint to compare with, press "
                    + "Cancel and ask your administrator: someone may be pretending to be the server.");
        } else {
            text(area, "certificate.intro", "The server at " + problem.server() + " presents a different "
                    + "certificate from the one this laptop trusted before. This may be an attack: someone between "
                    + "this laptop and the server may be pretending to be it. Or the administrator replaced the "
                    + "server's certificate.");
            text(area, "certificate.previousLabel", "Trusted before:");
            fingerprint(area, "certificate.previous", problem.pinned());
            text(area, "certificate.presentedLabel", "Presented now:");
            fingerprint(area, "certificate.presented", problem.presented());
            text(area, "certificate.advice", "Do not log in unless your administrator confirms the change. If they "
                    + "did, paste the new fingerprint they gave you (airgap-server fingerprint) here to trust it instead "
                    + "(on the command line: airgap login --server " + problem.server() + " --user NAME --trust "
                    + "FINGERPRINT):");
            confirmation = new Text(area, SWT.BORDER | SWT.SINGLE);
            confirmation.setData(TEST_ID, "certificate.confirmation");
            confirmation.setFont(JFaceResources.getTextFont());
            confirmation.setMessage("SHA256:\u2026 from your administrator");
            GridDataFactory.fillDefaults().grab(true, false).hint(WIDTH, SWT.DEFAULT).applyTo(confirmation);
            confirmation.addListener(SWT.Modify, event -> updateButtons());
        }
        return area;
    }

    private static void text(Composite area, String testId, String words) {
        Label label = new Label(area, SWT.WRAP);
        label.setData(TEST_ID, testId);
        label.setText(words);
        GridDataFactory.fillDefaults().grab(true, false).hint(WIDTH, SWT.DEFAULT).applyTo(label);
    }

    /** Read-only but selectable, in a fixed-width font: the technician compares or copies it. */
    private static void fingerprint(Composite area, String testId, CertificateFingerprint value) {
        Text field = new Text(area, SWT.BORDER | SWT.READ_ONLY | SWT.SINGLE);
        field.setData(TEST_ID, testId);
        field.setFont(JFaceResources.getTextFont());
        field.setText(value.value());
        GridDataFactory.fillDefaults().grab(true, false).hint(WIDTH, SWT.DEFAULT).applyTo(field);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        // Cancel first and default: Enter, Escape and closing the window all refuse the certificate.
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, true);
        Button trust = createButton(parent, IDialogConstants.OK_ID,
                problem.firstContact() ? TRUST_LABEL : REPIN_LABEL, false);
        trust.setData(TEST_ID, "certificate.trust");
        updateButtons();
    }

    @Override
    protected void initializeBounds() {
        super.initializeBounds();
        getButton(IDialogConstants.CANCEL_ID).setFocus();
    }

    private void updateButtons() {
        Button trust = getButton(IDialogConstants.OK_ID);
        if (trust != null) {
            trust.setEnabled(problem.firstContact() || confirmed());
        }
    }

    /** For a changed certificate: the fingerprint typed in is the presented one. */
    private boolean confirmed() {
        try {
            return confirmation != null
                    && CertificateFingerprint.parse(confirmation.getText()).equals(problem.presented());
        } catch (IllegalArgumentException notAFingerprint) {
            return false;
        }
    }

    @Override
    protected void okPressed() {
        if (problem.firstContact() || confirmed()) {
            super.okPressed();
        }
    }
}
