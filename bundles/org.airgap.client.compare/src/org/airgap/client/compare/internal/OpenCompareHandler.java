package org.airgap.client.compare.internal;

import jakarta.inject.Named;

import org.airgap.client.compare.CompareCommands;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * "Open compare": shows the Compare part and has it compare the run with the basis asked for, or two server
 * versions of a component.
 */
public class OpenCompareHandler {

    @Execute
    public void execute(EPartService parts, @Optional @Named(CompareCommands.PARAMETER_RUN_ID) String runId,
            @Optional @Named(CompareCommands.PARAMETER_BASIS) String basis,
            @Optional @Named(CompareCommands.PARAMETER_COMPONENT) String componentId,
            @Optional @Named(CompareCommands.PARAMETER_LEFT_VERSION) String left,
            @Optional @Named(CompareCommands.PARAMETER_RIGHT_VERSION) String right) {
        if (componentId != null) {
            int leftNumber = Integer.parseInt(left);
            int rightNumber = Integer.parseInt(right);
            if (part(parts, CompareCommands.SERVER_PART) instanceof ComparePart view) {
                view.openServer(componentId, leftNumber, rightNumber);
            }
            return;
        }
        if (runId == null) {
            throw new IllegalArgumentException("Open compare needs a run id or a component and two version numbers");
        }
        CompareBasis which = CompareBasis.of(basis);
        if (part(parts, CompareCommands.PART) instanceof ComparePart view) {
            view.open(runId, which);
        }
    }

    private static Object part(EPartService parts, String id) {
        MPart part = parts.showPart(id, PartState.ACTIVATE);
        return part == null ? null : part.getObject();
    }
}
