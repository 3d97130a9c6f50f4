package org.airgap.client.admin.perspective.internal;

import java.util.List;

import org.airgap.client.WorkbenchIds;
import org.airgap.client.admin.perspective.AdministrationIds;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Shows, hides and switches the perspectives of a window (on the UI thread). */
final class PerspectiveSwitch {

    private PerspectiveSwitch() {
    }

    /** Makes the Administration perspective the window's current one. */
    static void toAdministration(MWindow window, EModelService models, EPartService parts) {
        MPerspective administration = perspective(window, models, AdministrationIds.PERSPECTIVE);
        if (administration == null) {
            return;
        }
        administration.setVisible(true);
        administration.setToBeRendered(true);
        parts.switchPerspective(administration);
    }

    /** Makes the Backup perspective the window's current one. */
    static void toBackup(MWindow window, EModelService models, EPartService parts) {
        MPerspective backup = perspective(window, models, WorkbenchIds.PERSPECTIVE_BACKUP);
        if (backup != null && window.getContext() != null) {
            parts.switchPerspective(backup);
        }
    }

    /**
     * Offers administration in {@code window} or withdraws it: the Administration menu, and the perspective,
     * which is left for the Backup one first when it is the current one.
     */
    static void offer(MWindow window, EModelService models, boolean administrator) {
        MMenu menu = window.getMainMenu() == null ? null : menu(window.getMainMenu().getChildren());
        if (menu != null) {
            menu.setVisible(administrator);
        }
        MPerspective administration = perspective(window, models, AdministrationIds.PERSPECTIVE);
        if (administration == null) {
            return;
        }
        if (administrator) {
            administration.setVisible(true);
            return;
        }
        MElementContainer<MUIElement> stack = administration.getParent();
        if (stack != null && stack.getSelectedElement() == administration && window.getContext() != null) {
            toBackup(window, models, window.getContext().get(EPartService.class));
        }
        administration.setToBeRendered(false);
        administration.setVisible(false);
    }

    private static MPerspective perspective(MWindow window, EModelService models, String id) {
        List<MPerspective> found = models.findElements(window, id, MPerspective.class);
        return found.isEmpty() ? null : found.get(0);
    }

    private static MMenu menu(List<MMenuElement> elements) {
        for (MMenuElement element : elements) {
            if (element instanceof MMenu menu) {
                if (AdministrationIds.MENU.equals(menu.getElementId())) {
                    return menu;
                }
                MMenu inside = menu(menu.getChildren());
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }
}
