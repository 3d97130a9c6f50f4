package org.airgap.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A system property set for all the tests of a class and put back as it was after them: register it on a
 * static field, e.g. key slots with the fewest PBKDF2 iterations, for the tests' speed:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final SystemProperty FEW_ITERATIONS = new SystemProperty("airgap.keyslot.iterations",
 *         String.valueOf(WorkspaceKeys.MIN_ITERATIONS));
 * </pre>
 */
public final class SystemProperty implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final String value;
    private String before;

    public SystemProperty(String name, String value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        before = System.setProperty(name, value);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (before == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, before);
        }
    }
}
