package org.airgap.client.forms.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.airgap.client.forms.DriverCatalog;
import org.airgap.client.forms.DriverInfo;
import org.airgap.driver.api.DeviceDriver;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@link DriverCatalog} on the registered {@link DeviceDriver} services, bound dynamically. */
@Component(service = DriverCatalog.class)
public class DriverTracker implements DriverCatalog {

    private static final Logger LOG = Logger.getLogger(DriverTracker.class.getName());

    private final Map<String, Bound> drivers = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The driver service and what the catalog shows of it; the service identity makes unbinding exact. */
    private record Bound(DeviceDriver driver, DriverInfo info) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(DeviceDriver driver, Map<String, Object> properties) {
        String id = String.valueOf(properties.get(DeviceDriver.ID));
        DriverInfo info;
        try {
            info = new DriverInfo(id, (String) properties.get(DeviceDriver.NAME),
                    (String) properties.get(DeviceDriver.VENDOR), driver.parameters(), driver::validate);
        } catch (RuntimeException e) {
            // A vendor's driver with broken descriptors must not take the editors down; it stays unlisted.
            LOG.log(Level.WARNING, "Driver " + id + " has unusable parameter descriptors; no form for it", e);
            return;
        }
        drivers.put(id, new Bound(driver, info));
        changed();
    }

    void removeDriver(DeviceDriver driver, Map<String, Object> properties) {
        String id = String.valueOf(properties.get(DeviceDriver.ID));
        if (drivers.computeIfPresent(id, (key, bound) -> bound.driver() == driver ? null : bound) == null) {
            changed();
        }
    }

    @Override
    public List<DriverInfo> drivers() {
        return drivers.values().stream().map(Bound::info)
                .sorted(Comparator.comparing(DriverInfo::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    @Override
    public Optional<DriverInfo> driver(String id) {
        return Optional.ofNullable(id == null ? null : drivers.get(id)).map(Bound::info);
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A driver catalog listener failed", e);
            }
        }
    }
}
