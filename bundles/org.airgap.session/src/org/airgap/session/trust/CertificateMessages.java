package org.airgap.session.trust;

import org.airgap.session.CertificateProblem;

/** What the technician reads when the server's certificate is refused: the fingerprints and what to do. */
public final class CertificateMessages {

    private CertificateMessages() {
    }

    public static String refused(CertificateProblem problem) {
        if (problem.firstContact()) {
            return "the Airgap server at " + problem.server() + " presents a certificate that no trusted authority "
                    + "signed and that this laptop has not trusted yet; its fingerprint is " + problem.presented()
                    + " — trust it only if it equals the fingerprint your administrator gives you (airgap-server "
                    + "fingerprint)";
        }
        return "the Airgap server at " + problem.server() + " presents another certificate than the one trusted "
                + "at an earlier login: trusted " + problem.pinned() + ", presented " + problem.presented()
                + " — someone may be posing as the server; if the administrator replaced the server's certificate, "
                + "confirm the new fingerprint with them (airgap-server fingerprint), then trust it: airgap login "
                + "--server " + problem.server() + " --user NAME --trust " + problem.presented();
    }
}
