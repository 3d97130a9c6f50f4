package org.airgap.client.admin.plant.internal;

import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Administration > Refresh Plant, and F5 while the Plant view is active (its binding context is a child of the
 * window's, so its F5 comes before the Overview's): reads the plant from the server again.
 */
public class RefreshPlantHandler {

    static final String PART = "org.airgap.client.admin.plant.part";

    @CanExecute
    public boolean canExecute(@Optional @Service SessionService sessions, @Optional EPartService parts) {
        return AdministratorSession.current(sessions).isPresent() && plant(parts) != null;
    }

    @Execute
    public void execute(@Optional @Service SessionService sessions, @Optional EPartService parts) {
        PlantPart plant = plant(parts);
        if (plant != null && AdministratorSession.current(sessions).isPresent()) {
            plant.refresh();
        }
    }

    private static PlantPart plant(EPartService parts) {
        MPart part = parts == null ? null : parts.findPart(PART);
        return part != null && part.getObject() instanceof PlantPart plant ? plant : null;
    }
}
