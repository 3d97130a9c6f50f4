package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.Optional;

import javax.servlet.Servlet;

import org.airgap.model.Job;
import org.airgap.protocol.Api;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/jobs} (administrators, within their folders: a job is in its component's folder): GET
 * lists the jobs ({@code ?archived=true}: archived ones too) or shows {@code /<id>}; POST creates one; PUT
 * {@code /<id>} changes its name, driver parameters and options; DELETE {@code /<id>} deletes one without
 * runs or archives one with runs; POST {@code /<id>/restore} restores an archived one. A job stays with its
 * component: it does not move.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.ADMIN_JOBS, Api.ADMIN_JOBS + "/*" })
public class AdminJobsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminJobsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        if (request.collection()) {
            exchange.sendOk(request.plant.jobs(request.flag("archived")).stream()
                    .filter(j -> request.scope.covers(j.folderId())).toList());
            return;
        }
        request.require(request.item());
        exchange.sendOk(stored(request));
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        if (request.collection()) {
            Job job = request.read(Job.class);
            Optional<PlantComponent> component = request.plant.component(job.componentId());
            request.scope.requireId("component", job.componentId(),
                    component.map(c -> c.component().folderId()).orElse(null), () -> new ServerException(
                            Kind.BAD_REQUEST, "job '" + job.id() + "' backs up component '" + job.componentId()
                                    + "', which is not defined"));
            exchange.sendOk(request.plant.createJob(request.user, job));
            return;
        }
        request.require(request.is(Api.RESTORE_SUFFIX));
        stored(request);
        exchange.sendOk(request.plant.restoreJob(request.user, request.id));
    }

    @Override
    void put(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        request.require(request.item());
        stored(request);
        Job job = request.read(Job.class);
        request.requireSameId("job", job.id());
        exchange.sendOk(request.plant.changeJob(request.user, job));
    }

    @Override
    void delete(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        request.require(request.item());
        stored(request);
        exchange.sendOk(request.plant.deleteJob(request.user, request.id));
    }

    /** The job the path names (archived or not), whose component's folder must be within the caller's folders. */
    private static PlantJob stored(PlantRequest request) throws ServerException {
        return request.stored("job", request.plant.job(request.id), PlantJob::folderId);
    }
}
