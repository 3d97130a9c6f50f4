package org.airgap.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.Role;
import org.airgap.server.internal.ServerOptions.AddUser;
import org.airgap.server.internal.ServerOptions.UsageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airgap-server user add NAME --role technician|admin --data DIR}; the password is read later, from stdin. */
@Command(name = "add", description = "Add a user; the password is the first line of stdin.")
final class UserAddCommand implements ServerOptions.Parsed {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "the user name")
    List<String> names = new ArrayList<>();

    @Option(names = "--role", paramLabel = "technician|admin", description = "the user's role")
    String role;

    @Override
    public AddUser command(Map<String, String> environment) throws UsageException {
        String name = ServerOptions.single(names, "user add needs the user's NAME", "user add takes one NAME");
        if (role == null) {
            throw new UsageException("user add needs --role technician or --role admin");
        }
        Role parsed;
        try {
            parsed = Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--role: " + e.getMessage());
        }
        common.root().onlyForServing("user");
        return new AddUser(ServerOptions.dataDirectory(common.root().data, environment), name, parsed);
    }
}
