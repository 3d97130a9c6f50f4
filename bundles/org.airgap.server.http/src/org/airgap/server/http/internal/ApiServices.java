package org.airgap.server.http.internal;

import java.io.IOException;
import java.time.Clock;

import org.airgap.compare.CompareEngine;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.SessionManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the endpoints share: the core services, the access rules and the upload area. One component, so
 * that each servlet needs one reference and all of them see the same upload state and locks.
 */
@Component(service = ApiServices.class)
public final class ApiServices {

    private final SessionManager sessions;
    private final ServerRepository repository;
    private final CompareEngine compare;
    private final Access access;
    private final UploadArea uploads;
    private final LoginThrottle loginThrottle;
    private final LoginGate loginGate = LoginGate.forThisMachine();

    @Activate
    public ApiServices(@Reference SessionManager sessions, @Reference ServerRepository repository,
            @Reference CompareEngine compare) throws IOException {
        this.sessions = sessions;
        this.repository = repository;
        this.compare = compare;
        this.access = new Access(repository);
        this.uploads = new UploadArea(repository.settings().uploadsDirectory(), repository.store());
        this.loginThrottle = new LoginThrottle(repository.settings().login(), Clock.systemUTC());
    }

    SessionManager sessions() {
        return sessions;
    }

    ServerRepository repository() {
        return repository;
    }

    CompareEngine compare() {
        return compare;
    }

    Access access() {
        return access;
    }

    UploadArea uploads() {
        return uploads;
    }

    LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    LoginGate loginGate() {
        return loginGate;
    }
}
