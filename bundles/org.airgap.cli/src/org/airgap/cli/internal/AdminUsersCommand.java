package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.CommandLineApplication.USAGE;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.airgap.protocol.Api;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserAccount;
import org.airgap.protocol.UserChange;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airgap admin users list|add|disable|enable|reset-password|role|scope}: the server's users, for an
 * administrator of the whole plant. Passwords are read from stdin, never from the command line.
 */
@Command(name = "users", synopsisSubcommandLabel = "COMMAND", description = "Manage the server's users.",
        subcommands = { AdminUsersCommand.ListUsers.class, AdminUsersCommand.Add.class, AdminUsersCommand.Disable.class,
                AdminUsersCommand.Enable.class, AdminUsersCommand.ResetPassword.class, AdminUsersCommand.ChangeRole.class,
                AdminUsersCommand.Scope.class, HelpCommand.class })
final class AdminUsersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    @Command(name = "list", description = "List the users: role, state, folders, last login.")
    static final class ListUsers extends AdminSubcommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            List<UserAccount> users = server.getJsonList(Api.ADMIN_USERS, UserAccount.class);
            if (context.json) {
                Output.json(context.out, users);
                return OK;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("NAME", "ROLE", "STATE", "FOLDERS", "LAST LOGIN"));
            for (UserAccount user : users) {
                rows.add(List.of(user.name(), user.role().name().toLowerCase(Locale.ROOT),
                        user.disabled() ? "disabled" : "enabled", folders(user), Output.time(user.lastLogin())));
            }
            Output.table(context.out, rows);
            return OK;
        }
    }

    /** A command about one user, named first. */
    abstract static class UserCommand extends AdminSubcommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
    }

    @Command(name = "add", description = "Add a user; the password is the first line of stdin.")
    static final class Add extends UserCommand {
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "technician or admin")
        String role;

        @Option(names = "--folder", paramLabel = "FOLDER", description = "an administrator manages only this folder"
                + " tree (repeat for several); without: the whole plant")
        List<String> folders = new ArrayList<>();

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            Role parsed = role(role);
            char[] password = LoginCommand.readPassword(context, "admin users add");
            try {
                return print(context, server.postJson(Api.ADMIN_USERS, new NewUser(name, parsed, new String(password),
                        folders), UserAccount.class), "Added");
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "disable", description = "Disable a user: their sessions end at once, logins are refused,"
            + " laptops drop their offline login at the next sync.")
    static final class Disable extends UserCommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            return print(context, change(server, name, "disable", null), "Disabled");
        }
    }

    @Command(name = "enable", description = "Enable a disabled user again.")
    static final class Enable extends UserCommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            return print(context, change(server, name, "enable", null), "Enabled");
        }
    }

    @Command(name = "reset-password", description = "Set a new password (first line of stdin); the user's"
            + " sessions end.")
    static final class ResetPassword extends UserCommand {
        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            char[] password = LoginCommand.readPassword(context, "admin users reset-password");
            try {
                return print(context, change(server, name, "password", new UserChange(null, new String(password),
                        null)), "New password for");
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "role", description = "Change a user's role (technician or admin); their sessions end.")
    static final class ChangeRole extends UserCommand {
        @Parameters(index = "1", paramLabel = "ROLE")
        String role;

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            return print(context, change(server, name, "role", new UserChange(role(role), null, null)), "Changed");
        }
    }

    @Command(name = "scope", description = "Limit an administrator to folder trees (--folder, repeatable), or"
            + " give them the whole plant again (--everything).")
    static final class Scope extends UserCommand {
        @Option(names = "--folder", paramLabel = "FOLDER", description = "a folder whose tree they manage")
        List<String> folders = new ArrayList<>();

        @Option(names = "--everything", description = "the whole plant")
        boolean everything;

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            if (everything == !folders.isEmpty()) {
                throw CommandException.usage("admin users scope needs either --folder FOLDER (repeatable) or"
                        + " --everything");
            }
            return print(context, change(server, name, "scope", new UserChange(null, null, folders)), "Changed");
        }
    }

    private static UserAccount change(ServerClient server, String name, String change, UserChange body)
            throws IOException {
        return server.postJson(Api.ADMIN_USER + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/" + change,
                body == null ? new UserChange(null, null, null) : body, UserAccount.class);
    }

    private static Role role(String text) throws CommandException {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw CommandException.usage(e.getMessage());
        }
    }

    private static String folders(UserAccount user) {
        if (user.role() != Role.ADMIN) {
            return "-";
        }
        return user.folders().isEmpty() ? "whole plant" : String.join(", ", user.folders());
    }

    /** "Disabled bob (technician, disabled)." or the account as JSON. */
    private static int print(CommandContext context, UserAccount user, String done) {
        if (context.json) {
            Output.json(context.out, user);
        } else {
            String role = user.role() != Role.ADMIN ? "technician"
                    : "administrator of " + (user.folders().isEmpty() ? "the whole plant" : folders(user));
            context.out.println(done + " " + user.name() + " (" + role + (user.disabled() ? ", disabled" : "") + ").");
        }
        return OK;
    }
}
