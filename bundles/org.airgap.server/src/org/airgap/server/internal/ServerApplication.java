package org.airgap.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.airgap.server.internal.ServerOptions.UsageException;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.equinox.http.jetty.JettyConfigurator;
import org.eclipse.equinox.http.jetty.JettyConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The headless Airgap server: starts Jetty through the Equinox HTTP service, whose whiteboard serves
 * the HTTP endpoints that DS components register, and runs until stopped. SIGTERM (or Ctrl+C) stops
 * it cleanly: Jetty first, then the OSGi framework, with a log line for each.
 */
public class ServerApplication implements IApplication {

    static final String SERVER_ID = "airgap";

    private final CountDownLatch stopRequested = new CountDownLatch(1);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        ServerOptions options;
        try {
            options = ServerOptions.parse(Arrays.asList(args), defaultLogFile());
        } catch (UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("airgap-server: " + e.getMessage());
            }
            System.err.print(ServerOptions.USAGE);
            return e.getMessage().isEmpty() ? EXIT_OK : Integer.valueOf(2);
        }
        ServerLog.configure(options.logFile());
        String version = FrameworkUtil.getBundle(getClass()).getVersion().toString();
        ServerLog.info("Airgap server " + version + " starting; log file " + options.logFile());
        if (!portFree(options.host(), options.port())) {
            ServerLog.error("Port " + options.port() + " on " + options.host()
                    + " is already in use: stop the program using it or choose another with --port N");
            return Integer.valueOf(1);
        }
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put(JettyConstants.HTTP_ENABLED, Boolean.TRUE);
        settings.put(JettyConstants.HTTP_PORT, Integer.valueOf(options.port()));
        settings.put(JettyConstants.HTTP_HOST, options.host());
        settings.put(JettyConstants.OTHER_INFO, "org.airgap.server");
        JettyConfigurator.startServer(SERVER_ID, settings);
        context.applicationRunning();
        installShutdownHook();
        String shownHost = options.host().equals(ServerOptions.DEFAULT_HOST) ? "localhost" : options.host();
        ServerLog.info("Airgap server " + version + " listening on "
                + URI.create("http://" + shownHost + ":" + options.port() + "/api/health"));
        stopRequested.await();
        ServerLog.info("Airgap server stopping");
        JettyConfigurator.stopServer(SERVER_ID);
        ServerLog.info("HTTP server stopped");
        return EXIT_OK;
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

    private static Path defaultLogFile() {
        String install = System.getProperty("osgi.install.area", "file:.");
        Path root = install.startsWith("file:") ? Path.of(URI.create(install.replace(" ", "%20")).getPath())
                : Path.of(".");
        return root.resolve("logs").resolve("airgap-server.log").toAbsolutePath().normalize();
    }

    /**
     * On SIGTERM the JVM runs its shutdown hooks and then halts: this hook asks the application to
     * return, which lets the launcher stop the framework, and waits (bounded) until it has.
     */
    private void installShutdownHook() {
        Bundle systemBundle = FrameworkUtil.getBundle(getClass()).getBundleContext().getBundle(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
        }, "airgap-server-shutdown"));
    }

    @Override
    public void stop() {
        ServerLog.info("Stop requested by the framework");
        stopRequested.countDown();
    }
}
