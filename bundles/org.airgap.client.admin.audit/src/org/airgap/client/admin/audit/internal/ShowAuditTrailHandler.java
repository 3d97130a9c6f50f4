package org.airgap.client.admin.audit.internal;

import org.airgap.client.admin.perspective.AdministrationIds;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Administration > Server Audit Trail (M1+M2+T): brings the view to the front with the keyboard in its table;
 * only for an administrator logged in online, in the Administration perspective.
 */
public class ShowAuditTrailHandler {

    @CanExecute
    public boolean canExecute(@Optional @Service SessionService sessions, @Optional EPartService parts) {
        return AdministratorSession.current(sessions).isPresent() && parts != null
                && parts.findPart(AdministrationIds.PART_AUDIT) != null;
    }

    @Execute
    public void execute(@Optional @Service SessionService sessions, @Optional EPartService parts) {
        if (canExecute(sessions, parts)) { // checked again: a key binding may reach here as the session ends
            parts.showPart(AdministrationIds.PART_AUDIT, PartState.ACTIVATE);
        }
    }
}
