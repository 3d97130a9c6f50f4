package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ADMIN;
import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.OpenSession;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionsEnded;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * An administrator lists the open sessions (never their tokens) and ends every one but their own at once, as
 * after a leaked token: the others' next request is refused with the reason, the action is in the server's
 * audit trail, and a technician can do neither.
 */
class AdminSessionsTest extends ServerTestBase {

    @Test
    void theListNamesWhoseSessionsAreOpenAndUntilWhenWithoutTokens() throws Exception {
        String alice = server.login(ALICE);
        String bob = server.login(BOB);

        Reply reply = client.get(Api.ADMIN_SESSIONS, admin).expect(200);
        List<OpenSession> open = reply.asList(OpenSession.class);

        assertEquals(List.of(ADMIN, ALICE, BOB), open.stream().map(OpenSession::user).toList(), "oldest login first");
        assertEquals(List.of(true, false, false), open.stream().map(OpenSession::yours).toList());
        assertEquals(Role.ADMIN, open.get(0).role());
        for (OpenSession session : open) {
            assertFalse(session.lastActivity().isBefore(session.started()), session::toString);
            assertTrue(session.idleEndsAt().isAfter(session.lastActivity()), session::toString);
            assertTrue(session.absoluteEndsAt().isAfter(session.started()), session::toString);
        }
        for (String token : List.of(admin, alice, bob)) {
            assertFalse(reply.body().contains(token), "no token in the list");
            assertFalse(reply.body().contains(token.substring(token.indexOf('.') + 1)), "no part of a token either");
        }
        client.get(Api.ADMIN_SESSIONS + "/more", admin).expect(404);
    }

    @Test
    void endingEverySessionRefusesTheOthersNextRequestKeepsTheAdministratorsAndIsAudited() throws Exception {
        String alice = server.login(ALICE);
        String bob = server.login(BOB);
        String otherAdmin = server.login(ADMIN);

        SessionsEnded ended = client.postText(Api.ADMIN_SESSIONS + Api.END_SUFFIX, admin, "").expect(200)
                .as(SessionsEnded.class);

        assertEquals(3, ended.ended(), "Alice's, Bob's and the administrator's other session");
        for (String token : List.of(alice, bob, otherAdmin)) {
            assertEquals(SessionEndReason.ENDED_BY_ADMINISTRATOR.name(), client.get(Api.SESSION, token).expect(401)
                    .error().reason());
        }
        assertEquals("an administrator ended every session — log in again",
                client.get(Api.SYNC, alice).expect(401).error().error());
        assertEquals(List.of(ADMIN), client.get(Api.ADMIN_SESSIONS, admin).expect(200).asList(OpenSession.class)
                .stream().map(OpenSession::user).toList(), "the administrator who asked stays logged in");
        String again = server.login(ALICE);
        client.get(Api.SESSION, again).expect(200);

        AuditLogEntry audited = client.get(Api.ADMIN_AUDIT, admin).expect(200).as(AuditPage.class).entries().stream()
                .filter(entry -> entry.action().equals(AdminSessionsServlet.SESSIONS_END)).findFirst().orElseThrow();
        assertEquals(ADMIN, audited.user());
        assertEquals(AuditLogEntry.SERVER, audited.source());
        assertEquals("3 sessions ended; the administrator's own stays open", audited.details());
    }

    @Test
    void aTechnicianCanNeitherListNorEndSessions() throws Exception {
        String alice = server.login(ALICE);
        String bob = server.login(BOB);

        client.get(Api.ADMIN_SESSIONS, alice).expect(403);
        client.postText(Api.ADMIN_SESSIONS + Api.END_SUFFIX, alice, "").expect(403);
        client.postText(Api.ADMIN_SESSIONS + "/finish", admin, "").expect(404);

        client.get(Api.SESSION, bob).expect(200);
        client.get(Api.SESSION, alice).expect(200);
    }
}
