package org.airgap.client.audit.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Window &gt; Audit trail: shows the part (again, after it was closed). */
public class ShowAuditTrailHandler {

    @Execute
    public void execute(EPartService parts) {
        parts.showPart(AuditTrailPart.ID, PartState.ACTIVATE);
    }
}
