package org.airgap.client.compare.internal;

import jakarta.inject.Named;

import org.airgap.client.compare.CompareCommands;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** "Open compare": shows the Compare part and has it compare the run with the basis asked for. */
public class OpenCompareHandler {

    @Execute
    public void execute(EPartService parts, @Named(CompareCommands.PARAMETER_RUN_ID) String runId,
            @Optional @Named(CompareCommands.PARAMETER_BASIS) String basis) {
        CompareBasis which = CompareBasis.of(basis);
        MPart part = parts.showPart(CompareCommands.PART, PartState.ACTIVATE);
        if (part != null && part.getObject() instanceof ComparePart view) {
            view.open(runId, which);
        }
    }
}
