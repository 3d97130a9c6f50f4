package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.LaptopInfo;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin laptops list|revoke}: the laptop keys the server verifies run signatures with, for an
 * administrator of the whole plant (docs/administration.md, "Laptops").
 */
@Command(name = "laptops", synopsisSubcommandLabel = "COMMAND", description = "List and revoke laptop keys.",
        subcommands = { AdminLaptopsCommand.ListLaptops.class, AdminLaptopsCommand.Revoke.class, HelpCommand.class })
final class AdminLaptopsCommand extends AdminGroup {

    @Command(name = "list", description = "List the registered laptops: id, user, key fingerprint, registered,"
            + " revoked.")
    static final class ListLaptops extends AdminSubcommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            print(context, server.getJsonList(Api.ADMIN_LAPTOPS, LaptopInfo.class));
            return OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a laptop for every user: the server refuses its uploads and"
            + " its registration from now on.")
    static final class Revoke extends AdminSubcommand {
        @Parameters(index = "0", paramLabel = "LAPTOP")
        String laptopId;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            LaptopInfo[] revoked = server.postJson(Api.ADMIN_LAPTOPS + "/"
                    + URLEncoder.encode(laptopId, StandardCharsets.UTF_8) + Api.REVOKE_SUFFIX, null, LaptopInfo[].class);
            if (!context.json) {
                context.out.println("Revoked laptop " + laptopId + ".");
            }
            print(context, Arrays.asList(revoked));
            return OK;
        }
    }

    private static void print(CommandContext context, List<LaptopInfo> laptops) {
        if (context.json) {
            Output.json(context.out, laptops);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("LAPTOP", "USER", "KEY", "REGISTERED", "REVOKED"));
        for (LaptopInfo laptop : laptops) {
            rows.add(List.of(laptop.laptopId(), laptop.user(), laptop.fingerprint().substring(0, 16),
                    Output.time(laptop.registered()), laptop.revoked() == null ? "-"
                            : Output.time(laptop.revoked()) + " by " + laptop.revokedBy()));
        }
        Output.table(context.out, rows);
    }
}
