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

/**
 * Administration > Back to Backup Perspective (M1+M2+B). Only administrators have a second perspective to come
 * back from; a technician's workbench leaves the Administration perspective by itself.
 */
public class OpenBackupHandler {

    @CanExecute
    public boolean canExecute(@Optional @Service SessionService sessions) {
        return AdministratorSession.current(sessions).isPresent();
    }

    @Execute
    public void execute(MWindow window, EModelService models, EPartService parts) {
        PerspectiveSwitch.toBackup(window, models, parts);
    }
}
