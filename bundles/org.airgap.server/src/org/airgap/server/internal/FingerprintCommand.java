package org.airgap.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.server.internal.ServerOptions.Fingerprint;
import org.airgap.server.internal.ServerOptions.UsageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airgap-server fingerprint [--signing-key] --data DIR}. */
@Command(name = "fingerprint", description = "Print the SHA-256 fingerprint of the server's TLS certificate, for "
        + "technicians to check at their first login (airgap login --trust SHA256:...), or with --signing-key that "
        + "of the server's signing key.")
final class FingerprintCommand implements ServerOptions.Parsed {

    @Mixin
    CommonOptions common;

    @Option(names = "--signing-key", description = "the fingerprint of the server's signing key (which laptops pin "
            + "at their first login) instead of the TLS certificate's")
    boolean signingKey;

    /** Nothing is expected here: taken only to name it in the refusal. */
    @Parameters(hidden = true)
    List<String> extra = new ArrayList<>();

    @Override
    public Fingerprint command(Map<String, String> environment) throws UsageException {
        if (!extra.isEmpty()) {
            throw new UsageException("fingerprint takes no other argument, not '" + extra.get(0) + "'");
        }
        common.root().onlyForServing("fingerprint");
        return new Fingerprint(ServerOptions.dataDirectory(common.root().data, environment), signingKey);
    }
}
