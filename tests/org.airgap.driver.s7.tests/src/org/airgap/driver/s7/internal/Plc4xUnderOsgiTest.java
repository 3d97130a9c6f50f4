package org.airgap.driver.s7.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.apache.plc4x.java.DefaultPlcDriverManager;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.PlcDriver;
import org.apache.plc4x.java.api.exceptions.PlcConnectionException;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.osgi.DriverActivator;
import org.apache.plc4x.java.osgi.TransportActivator;
import org.apache.plc4x.java.s7.readwrite.S7Driver;
import org.apache.plc4x.java.spi.transport.Transport;
import org.apache.plc4x.java.transport.tcp.TcpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** PLC4X's S7 driver as the target platform gives it, in the OSGi test runtime, against snap7. */
@Timeout(60)
class Plc4xUnderOsgiTest {

    private Snap7Server server;

    @BeforeEach
    void startServer() throws Exception {
        server = Snap7Server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theS7DriverReadsADataBlockWithTheTransportBundlesLoaderAsContextLoader() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        // PLC4X looks its transports up with a ServiceLoader on the context class loader.
        Thread.currentThread().setContextClassLoader(TcpTransport.class.getClassLoader());
        try (PlcConnection connection = new S7Driver().getConnection(url())) {
            connection.connect();
            PlcReadResponse response = connection.readRequestBuilder().addTagAddress("head", "%DB1:0:BYTE[4]")
                    .build().execute().get(10, TimeUnit.SECONDS);
            // server.js: INT 1234 at 0, then REAL 21.5 (0x41AC0000) from 2.
            assertArrayEquals(new byte[] { 0x04, (byte) 0xD2, 0x41, (byte) 0xAC },
                    (byte[]) response.getPlcValue("head").getRaw());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void theDriverManagerWithTheS7BundlesLoaderFindsTheDriverButNoTransport() {
        // Why S7Link sets the context class loader: a bundle's loader sees only its own META-INF/services.
        DefaultPlcDriverManager manager = new DefaultPlcDriverManager(S7Driver.class.getClassLoader());
        PlcConnectionException e = assertThrows(PlcConnectionException.class, () -> manager.getConnection(url()));
        assertEquals("Unsupported transport tcp", e.getMessage());
    }

    private String url() {
        return "s7://127.0.0.1:" + server.port + "?remote-rack=0&remote-slot=2&controller-type=S7_300";
    }

    @Test
    void activatorsRegisterTheDeclaredDriversAndTransportsAsServices() throws Exception {
        Bundle driverBundle = FrameworkUtil.getBundle(S7Driver.class);
        Bundle transportBundle = FrameworkUtil.getBundle(TcpTransport.class);
        driverBundle.start();
        transportBundle.start();
        BundleContext context = FrameworkUtil.getBundle(Plc4xUnderOsgiTest.class).getBundleContext();

        var drivers = context.getServiceReferences(PlcDriver.class, "(" + DriverActivator.PROTOCOL_CODE + "=s7)");
        assertEquals(1, drivers.size(), "the S7 driver as a service");
        assertEquals(driverBundle, drivers.iterator().next().getBundle());
        assertEquals(1, context.getServiceReferences(PlcDriver.class,
                "(" + DriverActivator.PROTOCOL_CODE + "=s7-light)").size());
        var transports = context.getServiceReferences(Transport.class, "(" + TransportActivator.TRANSPORT_CODE + "=tcp)");
        assertEquals(1, transports.size(), "the TCP transport as a service");
        assertTrue(context.getService(transports.iterator().next()) instanceof TcpTransport);

        transportBundle.stop();
        assertTrue(context.getServiceReferences(Transport.class, null).stream()
                .noneMatch(reference -> reference.getBundle() == transportBundle), "stopping unregisters");
        transportBundle.start();
    }
}
