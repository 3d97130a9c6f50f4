package org.airgap.client.internal;

import java.util.stream.Collectors;

import org.airgap.update.InstalledFeature;
import org.airgap.update.SoftwareUpdates;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/** Help > About Airgap: the version, and the installed features as p2 records them. */
public class AboutHandler {

    @Execute
    public void execute(Shell shell, @Optional @Service SoftwareUpdates updates) {
        MessageDialog.openInformation(shell, "About Airgap", aboutText(updates));
    }

    static String aboutText(SoftwareUpdates updates) {
        StringBuilder text = new StringBuilder()
                .append("Airgap ").append(ClientVersion.get()).append('\n')
                .append("Offline backup of automation devices.\n\n");
        if (updates == null || !updates.isManaged()) {
            text.append("Installed features: not recorded (this runtime was not installed by p2).");
        } else {
            text.append("Installed features:\n").append(updates.installedFeatures().stream()
                    .map(AboutHandler::line).collect(Collectors.joining("\n")));
        }
        return text.toString();
    }

    private static String line(InstalledFeature feature) {
        return "  " + feature.name() + "  (" + feature.id() + " " + feature.version() + ")";
    }
}
