package org.airgap.client.admin.perspective.internal;

import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Administration > Open Administration Perspective (M1+M2+A): only for an administrator logged in online. */
public class OpenAdministrationHandler {

    @CanExecute
    public boolean canExecute(@Optional @Service SessionService sessions) {
        return AdministratorSession.current(sessions).isPresent();
    }

    @Execute
    public void execute(MWindow window, EModelService models, EPartService parts,
            @Optional @Service SessionService sessions) {
        if (canExecute(sessions)) { // checked again: a key binding may reach here as the session ends
            PerspectiveSwitch.toAdministration(window, models, parts);
        }
    }
}
