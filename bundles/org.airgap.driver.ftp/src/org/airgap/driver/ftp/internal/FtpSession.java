package org.airgap.driver.ftp.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.Pacing;
import org.airgap.driver.api.ProblemKind;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * One logged-in FTP (or explicit FTPS) control connection in binary mode. Not thread-safe: each download
 * thread has its own session. Failures come out as {@link DeviceProblemException}s with a message that
 * names the device and what to check.
 */
final class FtpSession implements Closeable {

    /** Socket and stream buffer size: large enough for LAN speed without many small reads. */
    private static final int BUFFER_SIZE = 256 * 1024;

    private final FTPClient ftp;
    private final FtpSettings settings;
    /** Gentle mode's pacing of this session's commands (see {@link #pace}). */
    private final AtomicReference<Pacing> pacing;
    private String banner = "";
    private boolean mlsd;
    private boolean mdtm;
    private String system = "";

    private FtpSession(FTPClient ftp, FtpSettings settings, AtomicReference<Pacing> pacing) {
        this.ftp = ftp;
        this.settings = settings;
        this.pacing = pacing;
    }

    /**
     * Connects, negotiates TLS if configured, logs in, and sets binary type and the transfer mode.
     *
     * @param features whether to ask the server what it supports (FEAT, SYST): the listing session needs it
     * @param pacing   gentle mode: every command waits for its pause
     */
    static FtpSession open(FtpSettings settings, CertificateCheck certificates, boolean features, Pacing pacing)
            throws DeviceProblemException {
        AtomicReference<Pacing> paced = new AtomicReference<>(pacing);
        FTPClient ftp;
        if (settings.tls()) {
            FTPSClient ftps = PacedClients.explicitTls(paced); // explicit: AUTH TLS on the plain control port
            ftps.setTrustManager(certificates);
            ftps.setEndpointCheckingEnabled(false); // the certificate is checked by its fingerprint instead
            ftp = ftps;
        } else {
            ftp = PacedClients.plain(paced);
        }
        // Names are UTF-8 on every current server (RFC 2640); the Commons Net default would be ISO-8859-1.
        ftp.setControlEncoding("UTF-8");
        ftp.setConnectTimeout(settings.timeoutMillis());
        ftp.setDefaultTimeout(settings.timeoutMillis());
        ftp.setDataTimeout(settings.timeout());
        ftp.setBufferSize(BUFFER_SIZE);
        FtpSession session = new FtpSession(ftp, settings, paced);
        try {
            session.connectAndLogin(certificates, features);
            return session;
        } catch (DeviceProblemException e) {
            session.close();
            throw e;
        } catch (IOException e) {
            session.close();
            throw session.connectProblem(e, certificates);
        }
    }

    private void connectAndLogin(CertificateCheck certificates, boolean features)
            throws IOException, DeviceProblemException {
        ftp.connect(settings.host(), settings.port());
        ftp.setSoTimeout(settings.timeoutMillis());
        banner = oneLine(ftp.getReplyString());
        if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
            throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, settings.address() + " refused the FTP session ("
                    + banner + "): the device may allow only a few connections at once; close other FTP clients "
                    + "or lower concurrency");
        }
        if (!ftp.login(settings.user(), settings.password())) {
            String reply = oneLine(ftp.getReplyString());
            throw new DeviceProblemException(ProblemKind.AUTHENTICATION_FAILED, settings.address() + " refused the login of user '"
                    + settings.user() + "' (" + reply + "): check the user name and password of the job");
        }
        if (settings.tls()) {
            FTPSClient ftps = (FTPSClient) ftp;
            ftps.execPBSZ(0);
            ftps.execPROT("P"); // encrypt the data connections too, not just the control connection
        }
        if (!ftp.setFileType(FTP.BINARY_FILE_TYPE)) {
            throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, settings.address()
                    + " refused binary transfer type (" + oneLine(ftp.getReplyString())
                    + "): files would be changed in transfer");
        }
        if (settings.passive()) {
            ftp.enterLocalPassiveMode();
        } else {
            ftp.enterLocalActiveMode();
        }
        if (features) {
            if (ftp.features()) {
                mlsd = ftp.hasFeature("MLST");
                mdtm = ftp.hasFeature("MDTM");
            }
            String syst = ftp.getSystemType();
            system = syst == null ? "" : syst.trim();
        }
    }

    /** Why a connection could not be set up, in words that say what to check. */
    private DeviceProblemException connectProblem(IOException e, CertificateCheck certificates) {
        String address = settings.address();
        if (certificates.mismatch() != null) {
            return new DeviceProblemException(ProblemKind.IDENTITY_CHANGED, address + " presented a certificate with SHA-256 "
                    + "fingerprint " + FtpSettings.displayFingerprint(certificates.mismatch()) + ", but the job expects "
                    + FtpSettings.displayFingerprint(certificates.expected()) + ". If the device's certificate was "
                    + "renewed on purpose, put the new fingerprint in certificateFingerprint; otherwise another "
                    + "machine may be answering in the device's place: do not continue", e);
        }
        if (e instanceof UnknownHostException) {
            return new DeviceProblemException(ProblemKind.UNREACHABLE, "unknown host '" + settings.host()
                    + "': check the host name, or use the device's IP address", e);
        }
        if (e instanceof NoRouteToHostException) {
            return new DeviceProblemException(ProblemKind.UNREACHABLE, "no route to " + address + " (" + e.getMessage()
                    + "): check the cable, the laptop's IP address and subnet, and the device's IP address", e);
        }
        if (e instanceof ConnectException) {
            return new DeviceProblemException(ProblemKind.UNREACHABLE, address + " refused the connection (no FTP server "
                    + "listens on port " + settings.port() + "): check that the device's FTP server is enabled and "
                    + "the port (21 unless changed on the device)", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new DeviceProblemException(ProblemKind.TIMEOUT, address + " did not answer within "
                    + settings.timeoutText() + ": check that the device is on, the cable, its IP address, and that "
                    + "no firewall blocks port " + settings.port(), e);
        }
        if (e instanceof SSLException) {
            return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "TLS with " + address + " failed ("
                    + oneLine(e.getMessage()) + "): check that the device offers explicit FTPS (AUTH TLS) on port "
                    + settings.port() + ", or set tls to none", e);
        }
        if (e instanceof FTPConnectionClosedException) {
            return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, address + " closed the connection during "
                    + "login (" + oneLine(e.getMessage()) + "): the device may allow only a few connections at once", e);
        }
        return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "FTP session with " + address + " failed: "
                + oneLine(String.valueOf(e.getMessage())), e);
    }

    /** Paces the commands from now on with {@code lanePacing} (a download lane's, which ends its waits at a stop). */
    void pace(Pacing lanePacing) {
        pacing.set(lanePacing);
    }

    String banner() {
        return banner;
    }

    String system() {
        return system;
    }

    boolean usesMlsd() {
        return mlsd;
    }

    String lastReply() {
        return oneLine(ftp.getReplyString());
    }

    /**
     * What {@code path} is: a directory, a file, or {@code null} when it does not exist (or cannot be seen).
     * MLST when the server has it, else a CWD probe (and back) and a LIST of the file.
     */
    FTPFile stat(String path) throws IOException {
        if (mlsd) {
            FTPFile file = ftp.mlistFile(path);
            if (file != null || FTPReply.isNegativePermanent(ftp.getReplyCode())) {
                return file;
            }
            // A server that announces MLST but answers it oddly: try the classic way.
        }
        String home = ftp.printWorkingDirectory();
        if (ftp.changeWorkingDirectory(path)) {
            if (home != null && !ftp.changeWorkingDirectory(home)) {
                throw new IOException("cannot return to the login folder " + home + ": " + lastReply());
            }
            FTPFile folder = new FTPFile();
            folder.setName(path);
            folder.setType(FTPFile.DIRECTORY_TYPE);
            return folder;
        }
        FTPFile[] listed = ftp.listFiles(path);
        if (listed.length == 1 && listed[0] != null && listed[0].isFile()) {
            return listed[0];
        }
        return null;
    }

    /**
     * The entries of a folder, without "." and "..": MLSD when the server has it (exact sizes and UTC times),
     * else LIST as parsed by Commons Net.
     *
     * @throws IOException when the server refuses to list it (the message has its reply)
     */
    FTPFile[] list(String folder) throws IOException {
        FTPFile[] entries = mlsd ? ftp.mlistDir(folder) : ftp.listFiles(folder);
        if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
            throw new IOException("cannot list '" + folder + "': " + lastReply());
        }
        return Arrays.stream(entries)
                .filter(f -> f != null && f.getName() != null && !f.getName().equals(".") && !f.getName().equals(".."))
                .toArray(FTPFile[]::new);
    }

    /** Whether listed times are exact (MLSD), or must be asked per file with MDTM when the server has it. */
    boolean needsModifiedTimeQuery() {
        return !mlsd && mdtm;
    }

    /** The exact modification time (MDTM), or {@code null} when the server does not tell it for this file. */
    Instant modifiedTime(String path) throws IOException {
        return ftp.mdtmInstant(path);
    }

    /**
     * Starts downloading a file; {@code null} when the server refuses (see {@link #lastReply()}). Close the
     * stream, then call {@link #completeTransfer()}.
     */
    InputStream retrieve(String path) throws IOException {
        return ftp.retrieveFileStream(path);
    }

    /** Whether the server confirms the transfer just read as complete (226). */
    boolean completeTransfer() throws IOException {
        return ftp.completePendingCommand();
    }

    /** Logs out politely when possible and closes the connection; never throws. */
    @Override
    public void close() {
        if (!ftp.isConnected()) {
            return;
        }
        try {
            ftp.logout();
        } catch (IOException | RuntimeException e) {
            // the connection goes away anyway
        }
        try {
            ftp.disconnect();
        } catch (IOException | RuntimeException e) {
            // nothing more to release
        }
    }

    /** Closes the connection at once, also from another thread (cancellation). */
    void abort() {
        try {
            ftp.disconnect();
        } catch (IOException | RuntimeException e) {
            // nothing more to release
        }
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
