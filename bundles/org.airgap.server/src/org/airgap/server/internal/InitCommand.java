package org.airgap.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.server.internal.ServerOptions.Init;
import org.airgap.server.internal.ServerOptions.UsageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code airgap-server init --data DIR}. */
@Command(name = "init", description = "Create a data directory: server.ini with the defaults, the database and "
        + "the store.")
final class InitCommand implements ServerOptions.Parsed {

    @Mixin
    CommonOptions common;

    /** Nothing is expected here: taken only to name it in the refusal. */
    @Parameters(hidden = true)
    List<String> extra = new ArrayList<>();

    @Override
    public Init command(Map<String, String> environment) throws UsageException {
        if (!extra.isEmpty()) {
            throw new UsageException("init takes no other argument, not '" + extra.get(0) + "'");
        }
        common.root().onlyForServing("init");
        return new Init(ServerOptions.dataDirectory(common.root().data, environment));
    }
}
