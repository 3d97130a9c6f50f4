package org.airgap.testing.workbench;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;

/**
 * The application context a product launch would give the E4 application: branding properties read
 * from the product's own extension (so the harness runs the product's model, CSS and name, not a copy),
 * plus the command line arguments the test chooses.
 */
final class ProductApplicationContext implements IApplicationContext {

    private final String productId;
    private final Map<String, String> properties = new HashMap<>();
    private final Bundle brandingBundle;
    private final String[] arguments;
    private String name;
    private String application;

    ProductApplicationContext(String productId, String... arguments) {
        this.productId = productId;
        this.arguments = arguments.clone();
        int dot = productId.lastIndexOf('.');
        IExtension extension = Platform.getExtensionRegistry().getExtension(Platform.PI_RUNTIME, Platform.PT_PRODUCT,
                productId);
        if (extension == null) {
            throw new IllegalStateException("Product " + productId + " is not in the test runtime: add the bundle "
                    + productId.substring(0, Math.max(dot, 0)) + " to the test's requirements");
        }
        for (IConfigurationElement product : extension.getConfigurationElements()) {
            name = product.getAttribute("name");
            application = product.getAttribute("application");
            for (IConfigurationElement property : product.getChildren("property")) {
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
        }
        brandingBundle = Platform.getBundle(extension.getContributor().getName());
    }

    @Override
    public Map<String, Object> getArguments() {
        return Map.of(APPLICATION_ARGS, arguments.clone());
    }

    @Override
    public void applicationRunning() {
        // No splash screen to take down.
    }

    @Override
    public String getBrandingApplication() {
        return application;
    }

    @Override
    public String getBrandingName() {
        return name;
    }

    @Override
    public String getBrandingDescription() {
        return name;
    }

    @Override
    public String getBrandingId() {
        return productId;
    }

    @Override
    public String getBrandingProperty(String key) {
        return properties.get(key);
    }

    @Override
    public Bundle getBrandingBundle() {
        return brandingBundle;
    }

    @Override
    public void setResult(Object result, IApplication application) {
        // The harness reads the result from start() itself.
    }
}
