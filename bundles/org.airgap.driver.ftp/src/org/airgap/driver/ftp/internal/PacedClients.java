package org.airgap.driver.ftp.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import org.airgap.driver.api.Pacing;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * Commons Net clients whose every command waits for gentle mode's pause: all commands, those the client
 * sends on its own too (PASV, PORT, AUTH), go through {@link FTP#sendCommand(String, String)}. The reply
 * counts as bytes from the device, so the pause is the server's idle time after it answered.
 */
final class PacedClients {

    private PacedClients() {
    }

    /** A plain FTP client paced by {@code pacing}'s current value. */
    static FTPClient plain(AtomicReference<Pacing> pacing) {
        return new FTPClient() {
            @Override
            public int sendCommand(String command, String args) throws IOException {
                return paced(pacing.get(), this, () -> super.sendCommand(command, args));
            }
        };
    }

    /** An explicit FTPS client (AUTH TLS on the control port) paced by {@code pacing}'s current value. */
    static FTPSClient explicitTls(AtomicReference<Pacing> pacing) {
        return new FTPSClient("TLS", false) {
            @Override
            public int sendCommand(String command, String args) throws IOException {
                return paced(pacing.get(), this, () -> super.sendCommand(command, args));
            }
        };
    }

    @FunctionalInterface
    private interface Command {
        int send() throws IOException;
    }

    private static int paced(Pacing pacing, FTP client, Command command) throws IOException {
        if (!pacing.isOn()) {
            return command.send();
        }
        pacing.beforeRequest();
        int reply = command.send();
        pacing.transferred(client.getReplyString().length());
        return reply;
    }
}
