package org.airgap.client.session.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;

/** File > Log in…: the login dialog, also to change user or go from offline to online. */
public class LoginHandler {

    @CanExecute
    public boolean canExecute(@Optional SessionAddon addon) {
        return addon != null && addon.sessions() != null && !addon.loginOpen();
    }

    @Execute
    public void execute(SessionAddon addon) {
        addon.openLogin(LoginDialog.Mode.COMMAND, null);
    }
}
