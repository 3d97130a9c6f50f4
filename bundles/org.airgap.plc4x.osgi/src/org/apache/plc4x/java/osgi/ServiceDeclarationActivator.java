package org.apache.plc4x.java.osgi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers each implementation that the started bundle names in its own
 * {@code META-INF/services/<type>} file as an OSGi service of that type. The file is read from the
 * bundle's own entries and the classes are loaded by the bundle itself, so nothing looks across
 * bundles the way {@link java.util.ServiceLoader} on a foreign class loader would.
 */
abstract class ServiceDeclarationActivator<T> implements BundleActivator {

    private final Class<T> type;
    private final List<ServiceRegistration<T>> registrations = new ArrayList<>();

    ServiceDeclarationActivator(Class<T> type) {
        this.type = type;
    }

    /** The service properties of one implementation. */
    abstract Dictionary<String, Object> properties(T service);

    @Override
    public void start(BundleContext context) throws Exception {
        Bundle bundle = context.getBundle();
        for (String className : declaredClasses(bundle)) {
            T service = type.cast(bundle.loadClass(className).getConstructor().newInstance());
            registrations.add(context.registerService(type, service, properties(service)));
        }
    }

    @Override
    public void stop(BundleContext context) {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    List<String> declaredClasses(Bundle bundle) throws IOException {
        URL declarations = bundle.getEntry("META-INF/services/" + type.getName());
        List<String> classes = new ArrayList<>();
        if (declarations == null) {
            return classes;
        }
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(declarations.openStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String className = line.replaceFirst("#.*", "").strip();
                if (!className.isEmpty()) {
                    classes.add(className);
                }
            }
        }
        return classes;
    }
}
