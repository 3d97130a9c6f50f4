package org.airgap.server.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.server.internal.ServerOptions.Import;
import org.airgap.server.internal.ServerOptions.UsageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airgap-server import FILE.json [--prune] [--dry-run] --data DIR}. */
@Command(name = "import", description = "Define folders, components, jobs and assignments from an import file.")
final class ImportCommand implements ServerOptions.Parsed {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "FILE.json", arity = "0..*", description = "the import file")
    List<String> files = new ArrayList<>();

    @Option(names = "--prune", description = "also remove what the file no longer defines (what has runs or versions"
            + " is archived)")
    boolean prune;

    @Option(names = "--dry-run", description = "only show what the import would change")
    boolean dryRun;

    @Override
    public Import command(Map<String, String> environment) throws UsageException {
        String given = ServerOptions.single(files, "import needs the FILE.json to import", "import takes one FILE.json");
        common.root().onlyForServing("import");
        Path file = Path.of(given).toAbsolutePath().normalize();
        return new Import(ServerOptions.dataDirectory(common.root().data, environment), file, prune, dryRun);
    }
}
