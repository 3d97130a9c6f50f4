package org.airgap.client.session.internal;

import org.airgap.workspace.JobRepository;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Shell;

/** Window > Preferences…. */
public class PreferencesHandler {

    @Execute
    public void execute(Shell shell, @Optional @Service JobRepository repository) {
        new PreferencesDialog(shell, repository).open();
    }
}
