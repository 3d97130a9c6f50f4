package org.airgap.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.session.CertificateProblem;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;

/**
 * {@code airgap login} at a server whose certificate no trusted authority signed, as SSH does: the first
 * time, the fingerprint is shown and the technician confirms it on the terminal, or a script names it
 * with {@code --trust}; a changed certificate is only accepted with {@code --trust} naming the new one.
 */
final class CertificateTrust {

    private final CommandContext context;
    private final SessionService sessions;
    private final CertificateFingerprint trusted;

    /** @param trusted the fingerprint given with {@code --trust}, {@code null} without */
    CertificateTrust(CommandContext context, SessionService sessions, CertificateFingerprint trusted) {
        this.context = context;
        this.sessions = sessions;
        this.trusted = trusted;
    }

    /** Logs in, pinning the server's certificate when the technician or {@code --trust} accepts it. */
    ClientSession loginOnline(URI server, String user, char[] password, String retryHint)
            throws IOException, CommandException {
        ClientSession session;
        try {
            session = sessions.loginOnline(server, user, password);
        } catch (SessionException e) {
            CertificateProblem problem = e.certificate().orElse(null);
            if (problem == null) {
                throw e;
            }
            accept(problem, e, retryHint);
            sessions.trustCertificate(server, problem.presented());
            return sessions.loginOnline(server, user, password);
        }
        if (trusted != null && session.certificate() != null && !trusted.equals(session.certificate())) {
            sessions.logout();
            throw CommandException.failed("login refused: the server at " + server + " presents the certificate "
                    + session.certificate() + " trusted at an earlier login, not " + trusted + " given with --trust"
                    + " — check the fingerprint with your administrator (airgap-server fingerprint)");
        }
        return session;
    }

    /** Returns when the presented certificate may be pinned; else the refusal saying what to do. */
    private void accept(CertificateProblem problem, SessionException refusal, String retryHint)
            throws CommandException, IOException {
        if (trusted != null) {
            if (trusted.equals(problem.presented())) {
                return;
            }
            throw CommandException.failed("login refused: the server at " + problem.server() + " presents the "
                    + "certificate " + problem.presented() + ", not " + trusted + " given with --trust"
                    + (problem.firstContact() ? "" : " (trusted at an earlier login: " + problem.pinned() + ")")
                    + " — nothing was trusted; check the fingerprint with your administrator (airgap-server "
                    + "fingerprint)");
        }
        if (!problem.firstContact()) {
            throw CommandException.failed("login refused: " + refusal.getMessage());
        }
        if (context.terminal == null) {
            throw CommandException.failed("login refused: " + refusal.getMessage() + "; to trust it without a "
                    + "terminal: " + retryHint.replace("TRUST", problem.presented().value()));
        }
        context.err.println("The Airgap server at " + problem.server() + " presents a certificate that no trusted "
                + "authority signed.");
        context.err.println("Its fingerprint: " + problem.presented());
        context.err.println("Trust it only if it equals the fingerprint your administrator gives you (airgap-server "
                + "fingerprint).");
        String answer = context.terminal.readLine("Trust this certificate? [y/N] ");
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
            throw CommandException.failed("login cancelled: the certificate " + problem.presented()
                    + " was not trusted");
        }
    }
}
