package org.airgap.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The server core's services for one data directory: registers its {@link ServerSettings} as a
 * service, which lets Declarative Services activate the repository (and the session manager, the
 * endpoints); closing unregisters them again. A repository that fails to activate (the database is
 * in use, or newer than this server) is reported with its reason, taken from the DS runtime.
 */
final class ServerServices implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The server's core could not start on the data directory; the message says why. */
    static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        StartException(String message) {
            super(message);
        }
    }

    private final BundleContext context;
    private final ServiceRegistration<ServerSettings> registration;
    private final List<ServiceReference<?>> used = new ArrayList<>();

    private ServerServices(BundleContext context, ServerSettings settings) {
        this.context = context;
        this.registration = context.registerService(ServerSettings.class, settings, null);
    }

    static ServerServices register(BundleContext context, ServerSettings settings) {
        return new ServerServices(context, settings);
    }

    /** The repository on the registered settings, once DS has activated it. */
    ServerRepository repository() throws StartException {
        return await(ServerRepository.class);
    }

    private <T> T await(Class<T> type) throws StartException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<T> reference = context.getServiceReference(type);
            if (reference != null) {
                T service = context.getService(reference);
                if (service != null) {
                    used.add(reference);
                    return service;
                }
                throw new StartException(activationFailure(type));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new StartException("no " + type.getSimpleName() + " service within " + WAIT.toSeconds()
                + " s: the installation lacks the bundle org.airgap.server.core or Declarative Services");
    }

    /** Why DS could not activate the component providing {@code type}, from its runtime state. */
    private String activationFailure(Class<?> type) {
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime runtime = reference == null ? null : context.getService(reference);
        if (runtime != null) {
            try {
                for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
                    if (!List.of(description.serviceInterfaces).contains(type.getName())) {
                        continue;
                    }
                    for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                        if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                                && configuration.failure != null) {
                            return "the " + type.getSimpleName() + " did not start: " + reason(configuration.failure);
                        }
                    }
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return "the " + type.getSimpleName() + " did not start; the log of the OSGi framework says why";
    }

    /** The message of the exception in a stack trace's text, without its class name. */
    static String reason(String stackTrace) {
        String first = stackTrace.lines().findFirst().orElse(stackTrace);
        return first.replaceFirst("^[\\w.$]+(Exception|Error)(: )?", "").strip();
    }

    @Override
    public void close() {
        for (ServiceReference<?> reference : used) {
            context.ungetService(reference);
        }
        used.clear();
        registration.unregister();
    }
}
