package org.airgap.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerKeystore;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.server.internal.ServerOptions.AddUser;
import org.airgap.server.internal.ServerOptions.Command;
import org.airgap.server.internal.ServerOptions.Fingerprint;
import org.airgap.server.internal.ServerOptions.Import;
import org.airgap.server.internal.ServerOptions.Init;
import org.airgap.server.internal.ServerOptions.Serve;
import org.airgap.server.internal.ServerOptions.UsageException;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.equinox.http.jetty.JettyConfigurator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The headless Airgap server. Run on a data directory, it registers the directory's settings as a
 * service (which brings up the repository, the sessions and the endpoints), starts Jetty through the
 * Equinox HTTP service, whose whiteboard serves the HTTP endpoints that DS components register, and
 * runs until stopped. SIGTERM (or Ctrl+C) stops it cleanly: Jetty first, then the OSGi framework, with
 * a log line for each. The administration commands (init, user add, import) run without Jetty.
 */
public class ServerApplication implements IApplication {

    static final String SERVER_ID = "airgap";

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile Thread shutdownHook;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        Command command;
        try {
            command = ServerOptions.parse(Arrays.asList(args), System.getenv());
        } catch (UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("airgap-server: " + e.getMessage());
            }
            System.err.print(e.usage());
            return e.getMessage().isEmpty() ? EXIT_OK : Integer.valueOf(2);
        }
        BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
        AdminCommands admin = new AdminCommands(bundleContext, System.out, System.err);
        return Integer.valueOf(switch (command) {
        case Serve serve -> serve(serve, context, bundleContext);
        case Init init -> admin.init(init);
        case AddUser addUser -> admin.addUser(addUser, System.in);
        case Import definitions -> admin.importDefinitions(definitions);
        case Fingerprint fingerprint -> admin.fingerprint(fingerprint);
        });
    }

    private int serve(Serve command, IApplicationContext context, BundleContext bundleContext) throws Exception {
        ServerSettings settings;
        try {
            settings = withCommandLine(ServerIni.load(command.dataDirectory()), command);
        } catch (ServerIniException e) {
            System.err.println("airgap-server: " + e.getMessage());
            return 1;
        }
        Path logFile = command.logFile() != null ? command.logFile() : settings.logFile();
        ServerLog.configure(logFile);
        String version = FrameworkUtil.getBundle(getClass()).getVersion().toString();
        ServerLog.info("Airgap server " + version + " starting on " + settings.dataDirectory() + "; log file " + logFile);
        JettyListener listener;
        try {
            listener = listener(settings);
        } catch (JettyListener.RefusedException e) {
            ServerLog.error(e.getMessage());
            return 1;
        }
        if (!ServerSigningKey.exists(settings.dataDirectory())) {
            ServerLog.error(settings.dataDirectory() + " has no signing key (" + ServerSigningKey.file(
                    settings.dataDirectory()) + "): a data directory from an earlier release; run airgap-server init"
                    + " --data " + settings.dataDirectory() + " to generate it (the rest is kept)");
            return 1;
        }
        if (!portFree(settings.host(), settings.port())) {
            ServerLog.error("Port " + settings.port() + " on " + settings.host()
                    + " is already in use: stop the program using it or choose another with --port N");
            return 1;
        }
        // The settings service comes first: the repository, the sessions and the endpoints wait for it.
        try (ServerServices services = ServerServices.register(bundleContext, settings)) {
            try {
                services.repository();
            } catch (ServerServices.StartException e) {
                ServerLog.error(e.getMessage());
                return 1;
            }
            try {
                PrivateFiles.restrict(settings.dataDirectory());
            } catch (IOException e) {
                ServerLog.error("Cannot make the data directory " + settings.dataDirectory()
                        + " private to this account (0700, files 0600): " + e + "; run the server as its owner");
                return 1;
            }
            JettyConfigurator.startServer(SERVER_ID, listener.properties());
            context.applicationRunning();
            installShutdownHook();
            ServerLog.info("Airgap server " + version + " listening on " + listener.healthUri());
            stopRequested.await();
            ServerLog.info("Airgap server stopping");
            JettyConfigurator.stopServer(SERVER_ID);
            ServerLog.info("HTTP server stopped");
            removeShutdownHook();
        }
        return 0;
    }

    /** HTTPS on the settings' keystore (its fingerprint logged), or plain HTTP on loopback if server.ini says so. */
    private static JettyListener listener(ServerSettings settings) throws JettyListener.RefusedException {
        if (settings.tls().plainHttp()) {
            JettyListener plain = JettyListener.plainHttp(settings);
            ServerLog.log(Level.WARNING, "server.ini [TLS] plainHttp = true: serving unencrypted HTTP on "
                    + settings.host() + ", for tests and demos only");
            return plain;
        }
        ServerKeystore keystore = JettyListener.keystore(settings);
        JettyListener https = JettyListener.https(settings, keystore);
        ServerLog.info("TLS certificate " + keystore.fingerprint() + " (" + keystore.certificate().getSubjectX500Principal()
                + ", valid until " + keystore.certificate().getNotAfter().toInstant() + ") from " + keystore.keystore());
        return https;
    }

    /** The data directory's settings with the host and port the command line gives instead. */
    static ServerSettings withCommandLine(ServerSettings settings, Serve command) {
        return new ServerSettings(settings.dataDirectory(), command.host() != null ? command.host() : settings.host(),
                command.port() != null ? command.port().intValue() : settings.port(), settings.idleTimeout(),
                settings.maxSessionLength(), settings.passwordIterations(), settings.maxUploadBytes(),
                settings.partExpiry(), settings.maxPendingBytesPerUser(), settings.login(), settings.tls());
    }

    private static boolean portFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * On SIGTERM the JVM runs its shutdown hooks and then halts: this hook asks the application to
     * return, which lets the launcher stop the framework, and waits (bounded) until it has.
     */
    private void installShutdownHook() {
        Bundle systemBundle = FrameworkUtil.getBundle(getClass()).getBundleContext().getBundle(0);
        shutdownHook = new Thread(() -> {
            ServerLog.info("Termination signal received");
            stopRequested.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // The system bundle leaves ACTIVE/STOPPING once every bundle has stopped.
            while ((systemBundle.getState() & (Bundle.ACTIVE | Bundle.STOPPING)) != 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if ((systemBundle.getState() & (Bundle.ACTIVE | Bundle.STOPPING)) == 0) {
                ServerLog.info("Airgap server stopped");
            } else {
                ServerLog.log(Level.WARNING, "The OSGi framework did not stop within 20 s; exiting anyway");
            }
            ServerLog.close();
        }, "airgap-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** When the framework stops the application (not a signal), the JVM may live on without the hook. */
    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it waits for the framework to stop.
        }
    }

    @Override
    public void stop() {
        ServerLog.info("Stop requested by the framework");
        stopRequested.countDown();
    }
}
