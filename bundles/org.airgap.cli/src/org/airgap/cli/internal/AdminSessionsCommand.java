package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.OpenSession;
import org.airgap.protocol.SessionsEnded;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code airgap admin sessions list|end-all}: the open sessions on the server, and ending every one but the
 * caller's at once (a token may have leaked), for an administrator of the whole plant (docs/administration.md,
 * "Sessions").
 */
@Command(name = "sessions", synopsisSubcommandLabel = "COMMAND", description = "List the open sessions or end"
        + " them all.", subcommands = { AdminSessionsCommand.ListSessions.class, AdminSessionsCommand.EndAll.class,
                HelpCommand.class })
final class AdminSessionsCommand extends AdminGroup {

    @Command(name = "list", description = "List the open sessions: user, role, login, last activity, and when"
            + " each ends (idle and in any case). Tokens are never shown.")
    static final class ListSessions extends AdminSubcommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            List<OpenSession> sessions = server.getJsonList(Api.ADMIN_SESSIONS, OpenSession.class);
            if (context.json) {
                Output.json(context.out, sessions);
                return OK;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("USER", "ROLE", "LOGGED IN", "LAST ACTIVITY", "IDLE ENDS", "ENDS"));
            for (OpenSession session : sessions) {
                rows.add(List.of(session.user() + (session.yours() ? " (you)" : ""),
                        session.role().name().toLowerCase(java.util.Locale.ROOT), Output.time(session.started()),
                        Output.time(session.lastActivity()), Output.time(session.idleEndsAt()),
                        Output.time(session.absoluteEndsAt())));
            }
            Output.table(context.out, rows);
            return OK;
        }
    }

    @Command(name = "end-all", description = "End every open session but yours at once: each user's next request"
            + " is refused with 'an administrator ended every session — log in again'. Recorded in the server's"
            + " audit trail.")
    static final class EndAll extends AdminSubcommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            SessionsEnded ended = server.postJson(Api.ADMIN_SESSIONS + Api.END_SUFFIX, null, SessionsEnded.class);
            if (context.json) {
                Output.json(context.out, ended);
            } else {
                context.out.println("Ended " + ended.ended() + (ended.ended() == 1 ? " session" : " sessions")
                        + "; yours stays open.");
            }
            return OK;
        }
    }
}
