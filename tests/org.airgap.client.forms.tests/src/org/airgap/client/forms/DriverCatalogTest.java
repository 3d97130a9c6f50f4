package org.airgap.client.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ParameterType;
import org.airgap.store.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/** The catalog follows the driver services: the installed ones, and a vendor's driver that comes and goes. */
class DriverCatalogTest {

    @Test
    void listsTheInstalledDriversWithTheirDescriptors() throws Exception {
        DriverCatalog catalog = FormUi.catalog();
        List<String> ids = catalog.drivers().stream().map(DriverInfo::id).toList();
        assertTrue(ids.containsAll(List.of("modbus-tcp", "ftp", "sftp", "directory")), ids.toString());
        DriverInfo modbus = FormUi.driver("modbus-tcp");
        assertEquals("Modbus TCP", modbus.name());
        assertEquals("Airgap", modbus.vendor());
        assertEquals(List.of("host", "port", "unitId"), modbus.parameters().stream().limit(3)
                .map(ParameterDescriptor::name).toList());
        assertTrue(FormUi.driver("ftp").parameters().stream().anyMatch(p -> p.name().equals("password") && p.secret()));
        assertEquals(List.of(), modbus.validate(Map.of("host", "plc", "coils", "0-7")));
    }

    /** A vendor's driver: one parameter, one check of its own, and a validate that fails on "boom". */
    static final class VendorDriver implements DeviceDriver {
        /** Registers it as Acme's driver "acme-station", as DS does when a vendor's bundle starts. */
        static ServiceRegistration<DeviceDriver> register() throws Exception {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(DeviceDriver.ID, "acme-station");
            properties.put(DeviceDriver.NAME, "Acme Station");
            properties.put(DeviceDriver.VENDOR, "Acme");
            return FormUi.context().registerService(DeviceDriver.class, new VendorDriver(), properties);
        }

        @Override
        public List<ParameterDescriptor> parameters() {
            return List.of(ParameterDescriptor.of("station", "Station", ParameterType.INTEGER, "Station number")
                    .withRange(1, 99).mandatory());
        }

        @Override
        public List<ParameterProblem> validate(Map<String, String> parameters) {
            if ("13".equals(parameters.get("station"))) {
                return List.of(new ParameterProblem("station", "station: 13 is reserved"));
            }
            if ("boom".equals(parameters.get("mode"))) {
                throw new IllegalStateException("boom");
            }
            return List.of();
        }

        @Override
        public DriverResult testConnection(Map<String, String> parameters, DriverProgress progress) {
            throw new UnsupportedOperationException("the forms never connect");
        }

        @Override
        public DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress) {
            throw new UnsupportedOperationException("the forms never back up");
        }
    }

    @Test
    void aDriverStartedLaterAppearsAndGoesAgain() throws Exception {
        DriverCatalog catalog = FormUi.catalog();
        AtomicInteger changes = new AtomicInteger();
        Runnable listener = changes::incrementAndGet;
        catalog.addListener(listener);
        ServiceRegistration<DeviceDriver> registration = VendorDriver.register();
        try {
            DriverInfo acme = catalog.driver("acme-station").orElseThrow();
            assertEquals("Acme Station (acme-station)", acme.title());
            assertEquals(1, changes.get());
            assertEquals(List.of("station: 13 is reserved"), messages(acme.validate(Map.of("station", "13"))),
                    "the driver's own check");
            assertEquals(List.of("station: must be a whole number from 1 to 99, not 100"),
                    messages(acme.validate(Map.of("station", "100"))), "the generic check, which the driver skipped");
            assertTrue(messages(acme.validate(Map.of("station", "2", "mode", "boom"))).contains(
                    "The driver Acme Station failed to check the values (IllegalStateException); its own checks were "
                            + "skipped."), "a failing driver does not break the form");
        } finally {
            registration.unregister();
            catalog.removeListener(listener);
        }
        assertFalse(catalog.driver("acme-station").isPresent());
        assertEquals(2, changes.get());
    }

    private static List<String> messages(List<ParameterProblem> problems) {
        return problems.stream().map(ParameterProblem::message).toList();
    }
}
