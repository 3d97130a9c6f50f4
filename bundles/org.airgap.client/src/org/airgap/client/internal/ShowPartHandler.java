package org.airgap.client.internal;

import jakarta.inject.Named;

import org.airgap.client.WorkbenchIds;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Window > (a view), or its key: the view comes to the front of its stack with the keyboard focus. */
public class ShowPartHandler {

    @Execute
    public void execute(@Named(WorkbenchIds.COMMAND_SHOW_PART_ID) String partId, EPartService parts) {
        parts.showPart(partId, PartState.ACTIVATE);
    }
}
