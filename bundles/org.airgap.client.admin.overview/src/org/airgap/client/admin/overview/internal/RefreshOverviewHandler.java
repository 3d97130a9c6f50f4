package org.airgap.client.admin.overview.internal;

import org.airgap.client.admin.perspective.AdministrationIds;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Administration > Refresh Overview (F5): reads the overview from the server again, in the view's job. */
public class RefreshOverviewHandler {

    @CanExecute
    public boolean canExecute(@Optional @Service SessionService sessions, @Optional EPartService parts) {
        return AdministratorSession.current(sessions).isPresent() && overview(parts) != null;
    }

    @Execute
    public void execute(@Optional @Service SessionService sessions, @Optional EPartService parts) {
        OverviewPart overview = overview(parts);
        if (overview != null && AdministratorSession.current(sessions).isPresent()) {
            overview.refresh();
        }
    }

    /** The Overview view when it is open (its perspective shown), else {@code null}. */
    private static OverviewPart overview(EPartService parts) {
        MPart part = parts == null ? null : parts.findPart(AdministrationIds.PART_OVERVIEW);
        return part != null && part.getObject() instanceof OverviewPart overview ? overview : null;
    }
}
