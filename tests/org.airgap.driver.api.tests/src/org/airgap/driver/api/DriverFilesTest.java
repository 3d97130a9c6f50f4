package org.airgap.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

class DriverFilesTest {

    @Test
    void inTheInstanceAreaWhenItIsOnTheFileSystem() {
        BundleContext context = context("file:/home/tech/my workspace/", new File("/data"));
        assertEquals(Path.of("/home/tech/my workspace/drivers/sftp"), DriverFiles.folder(context, "sftp"));
    }

    @Test
    void inTheBundleDataAreaWithoutAnInstanceAreaOnDisk() {
        assertEquals(Path.of("/osgi/data/12"), DriverFiles.folder(context(null, new File("/osgi/data/12")), "opcua"));
        assertEquals(Path.of("/osgi/data/12"),
                DriverFiles.folder(context("platform:/somewhere", new File("/osgi/data/12")), "opcua"));
    }

    @Test
    void inTheHomeFolderWithoutEither() {
        assertEquals(Path.of(System.getProperty("user.home"), ".airgap", "opcua"),
                DriverFiles.folder(context(null, null), "opcua"));
    }

    /** A context that answers only what DriverFiles asks. */
    private static BundleContext context(String instanceArea, File dataArea) {
        return (BundleContext) Proxy.newProxyInstance(DriverFilesTest.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> switch (method.getName()) {
                case "getProperty" -> "osgi.instance.area".equals(args[0]) ? instanceArea : null;
                case "getDataFile" -> dataArea == null ? null : new File(dataArea, (String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
