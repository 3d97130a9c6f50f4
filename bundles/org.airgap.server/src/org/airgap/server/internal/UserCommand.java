package org.airgap.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.server.internal.ServerOptions.Command;
import org.airgap.server.internal.ServerOptions.UsageException;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code airgap-server user}: only a group for {@code user add}. */
@picocli.CommandLine.Command(name = "user", description = "Manage users.", subcommands = UserAddCommand.class)
final class UserCommand implements ServerOptions.Parsed {

    @Mixin
    CommonOptions common;

    /** Anything but {@code add}: taken only to refuse it. */
    @Parameters(hidden = true)
    List<String> other = new ArrayList<>();

    @Override
    public Command command(Map<String, String> environment) throws UsageException {
        throw new UsageException("'user' needs 'add': airgap-server user add NAME --role technician|admin");
    }
}
