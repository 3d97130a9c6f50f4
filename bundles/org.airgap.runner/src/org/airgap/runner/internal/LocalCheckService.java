package org.airgap.runner.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.runner.check.CheckService;
import org.airgap.runner.check.ConnectionResult;
import org.airgap.runner.check.JobReadiness;
import org.airgap.runner.check.Preflight;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@link CheckService} on the workspace's synced jobs and the registered drivers, as {@link LocalJobRunner} sees them. */
@org.osgi.service.component.annotations.Component(service = CheckService.class)
public class LocalCheckService implements CheckService {

    @Reference
    private JobRepository repository;

    private final Map<String, DeviceDriver> drivers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(DeviceDriver driver, Map<String, Object> properties) {
        drivers.put(String.valueOf(properties.get(DeviceDriver.ID)), driver);
    }

    void removeDriver(DeviceDriver driver, Map<String, Object> properties) {
        drivers.remove(String.valueOf(properties.get(DeviceDriver.ID)), driver);
    }

    /** For tests outside OSGi. */
    LocalCheckService(JobRepository repository) {
        this.repository = repository;
    }

    public LocalCheckService() {
    }

    @Override
    public Preflight preflight() {
        SyncedData synced = repository.synced();
        List<JobReadiness> jobs = new ArrayList<>();
        Map<String, List<String>> addresses = new LinkedHashMap<>();
        Map<String, String> netmasks = new LinkedHashMap<>();
        // Looked up by id: a laptop may carry thousands of jobs, and the Jobs view asks at every reload.
        Map<String, Component> components = new HashMap<>();
        synced.components().forEach(component -> components.put(component.id(), component));
        for (Job job : synced.jobs()) {
            JobSetup setup = JobSetup.of(job, components.get(job.componentId()), drivers::get);
            List<ParameterDescriptor> descriptors = setup.driver() == null ? List.of() : setup.driver().parameters();
            List<String> hosts = DeviceAddresses.of(setup.parameters(), descriptors);
            addresses.put(job.id(), hosts);
            String netmask = setup.parameters().get(DeviceAddresses.NETMASK);
            if (netmask != null) {
                netmasks.put(job.id(), netmask);
            }
            jobs.add(new JobReadiness(job.id(), job.name(),
                    setup.component() == null ? job.componentId() : setup.component().name(),
                    setup.component() == null ? "" : setup.component().deviceType(), setup.problems(), hosts));
        }
        return new Preflight(jobs, DeviceAddresses.networks(addresses, netmasks));
    }

    @Override
    public List<ConnectionResult> testConnections(List<String> jobIds, IProgressMonitor monitor) {
        SyncedData synced = repository.synced();
        Map<String, Job> jobs = new LinkedHashMap<>();
        synced.jobs().forEach(job -> jobs.put(job.id(), job));
        List<String> unknown = jobIds.stream().filter(id -> !jobs.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not synced to this laptop: " + String.join(", ", unknown));
        }
        List<JobSetup> setups = jobIds.stream().map(id -> JobSetup.of(jobs.get(id), synced, drivers::get)).toList();
        return ConnectionTests.run(setups, PARALLEL_TESTS, monitor);
    }
}
