package org.airgap.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.server.core.ServerKeystore;
import org.airgap.server.internal.ServerOptions.Init;
import org.airgap.server.internal.ServerOptions.UsageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airgap-server init [--host NAME]... --data DIR}. */
@Command(name = "init", description = "Create a data directory: server.ini with the defaults, the database, "
        + "the store and the TLS key with a self-signed certificate. On a data directory of an earlier release, "
        + "adds the missing TLS key and keeps the rest.")
final class InitCommand implements ServerOptions.Parsed {

    @Mixin
    CommonOptions common;

    @Option(names = "--host", paramLabel = "NAME", description = "a further host name or address the "
            + "certificate names, besides this machine's name, localhost, 127.0.0.1 and ::1 (repeatable)")
    List<String> hosts = new ArrayList<>();

    /** Nothing is expected here: taken only to name it in the refusal. */
    @Parameters(hidden = true)
    List<String> extra = new ArrayList<>();

    @Override
    public Init command(Map<String, String> environment) throws UsageException {
        if (!extra.isEmpty()) {
            throw new UsageException("init takes no other argument, not '" + extra.get(0) + "'");
        }
        common.root().onlyForServing("init");
        for (String host : hosts) {
            if (!ServerKeystore.isValidName(host)) {
                throw new UsageException("--host '" + host + "' is neither a host name nor an IP address");
            }
        }
        return new Init(ServerOptions.dataDirectory(common.root().data, environment), List.copyOf(hosts));
    }
}
