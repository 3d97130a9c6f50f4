package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.Api;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.MatrixWorld.Caller;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;

/**
 * One cell of {@link AuthorizationMatrixTest}: a row's request sent by one caller, and what the answer
 * must be. Every answer is also checked for ids and hashes the caller may not see, unless the request
 * itself named them.
 */
final class MatrixCell {

    /** What a caller must get. */
    enum Expect {
        /** 200, and the row's check of the body. */
        OK(200),
        /** 204, and the row's check. */
        NO_CONTENT(204),
        /** 401 with the reason of the caller's missing or ended token. */
        DENIED(401),
        /** 403 "administrators only". */
        ADMIN_ONLY(403),
        /** 404, word for word the answer to the same request naming an id that does not exist. */
        HIDDEN(404);

        final int status;

        Expect(int status) {
            this.status = status;
        }
    }

    static final Expect OK = Expect.OK;
    static final Expect NO_CONTENT = Expect.NO_CONTENT;
    static final Expect DENIED = Expect.DENIED;
    static final Expect ADMIN_ONLY = Expect.ADMIN_ONLY;
    static final Expect HIDDEN = Expect.HIDDEN;

    @FunctionalInterface
    interface Request {
        Reply send(Call call) throws Exception;
    }

    @FunctionalInterface
    interface Check {
        void accept(Call call, Reply reply) throws Exception;
    }

    /** One endpoint: its request, what each caller gets, and the check of a successful answer (or null). */
    record Row(String method, String path, Expect noToken, Expect loggedOut, Expect idle, Expect alice, Expect bob,
            Expect admin, Request request, Check succeeded) {

        Expect expected(Caller caller) {
            return switch (caller) {
            case NONE -> noToken;
            case LOGGED_OUT -> loggedOut;
            case IDLE -> idle;
            case ALICE -> alice;
            case BOB -> bob;
            case ADMIN -> admin;
            };
        }

        /** The path without its query, as the whiteboard's patterns see it. */
        String pathOnly() {
            String path = this.path.replaceFirst(" \\(.*", "");
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        DynamicContainer cells(MatrixWorld world) {
            return DynamicContainer.dynamicContainer(method + " " + path, Arrays.stream(Caller.values())
                    .map(caller -> DynamicTest.dynamicTest(caller.label + " → " + expected(caller).status + " "
                            + expected(caller), () -> run(this, world, caller))));
        }
    }

    /** A row's request as one caller sends it; in the "unknown" variant every foreign id is replaced by an unknown one. */
    static final class Call {
        final MatrixWorld world;
        final Caller caller;
        private final boolean unknownIds;
        /** Foreign ids this call named, with the unknown id the other variant names instead. */
        final Map<String, String> foreign = new LinkedHashMap<>();
        /** The path and body sent, for telling a leak from an echo of the request. */
        private String sent = "";
        private String spent;

        Call(MatrixWorld world, Caller caller, boolean unknownIds) {
            this.world = world;
            this.caller = caller;
            this.unknownIds = unknownIds;
        }

        /** An id the caller may not be told about when it is not theirs. */
        String foreign(String id, String unknown) {
            foreign.put(id, unknown);
            return unknownIds ? unknown : id;
        }

        String spendableToken() throws Exception {
            spent = world.spendableToken(caller);
            return spent;
        }

        String spentToken() {
            return spent;
        }

        Reply get(String path) throws Exception {
            sent = path;
            return world.client.get(path, world.token(caller));
        }

        Reply post(String path, Object message) throws Exception {
            return postText(path, world.token(caller), ProtocolJson.write(message));
        }

        Reply postText(String path, String json) throws Exception {
            return postText(path, world.token(caller), json);
        }

        Reply postText(String path, String token, String json) throws Exception {
            sent = path + "\n" + json;
            return world.client.postText(path, token, json);
        }

        Reply putJson(String path, Object message) throws Exception {
            sent = path + "\n" + ProtocolJson.write(message);
            return world.client.putJson(path, world.token(caller), message);
        }

        Reply delete(String path) throws Exception {
            sent = path;
            return world.client.delete(path, world.token(caller));
        }

        /** Creates {@code component} (with a job, when {@code archived}, and then archives it) as the administrator. */
        String adminCreates(Component component, boolean archived) throws Exception {
            String admin = world.token(Caller.ADMIN);
            world.client.post(Api.ADMIN_COMPONENTS, admin, component).expect(200);
            if (archived) {
                world.client.post(Api.ADMIN_JOBS, admin, new Job("job-"
                        + component.id(), component.id(), "Job", Map.of(), JobOptions.defaults()))
                        .expect(200);
                world.client.delete(Api.ADMIN_COMPONENTS + "/" + component.id(), admin).expect(200);
            }
            return component.id();
        }

        String adminCreates(Folder folder) throws Exception {
            world.client.post(Api.ADMIN_FOLDERS, world.token(Caller.ADMIN), folder).expect(200);
            return folder.id();
        }

        /** Archives a job with runs as the administrator. */
        String adminArchivesJob(String jobId) throws Exception {
            world.client.delete(Api.ADMIN_JOBS + "/" + jobId, world.token(Caller.ADMIN)).expect(200);
            return jobId;
        }

        /** PUTs {@code bytes} as a whole blob to {@code pathFormat} filled with their hash and size. */
        Reply put(String pathFormat, byte[] bytes) throws Exception {
            String path = String.format(pathFormat, Fixture.sha256(bytes), bytes.length);
            sent = path;
            return world.client.put(path, world.token(caller), BodyPublishers.ofByteArray(bytes));
        }
    }

    private MatrixCell() {
    }

    static void run(Row row, MatrixWorld world, Caller caller) throws Exception {
        Expect expect = row.expected(caller);
        Call call = new Call(world, caller, false);
        Reply reply = row.request.send(call);
        assertEquals(expect.status, reply.status(), () -> row.method + " " + row.path + " as " + caller.label
                + " answered " + reply.status() + ": " + reply.body());
        switch (expect) {
        case OK, NO_CONTENT -> {
            if (row.succeeded != null) {
                row.succeeded.accept(call, reply);
            }
        }
        case DENIED -> {
            ErrorResponse error = reply.error();
            assertEquals(caller.refusal().name(), error.reason(), reply.body());
            assertEquals("Bearer", reply.headers().firstValue("WWW-Authenticate").orElse(null));
        }
        case ADMIN_ONLY -> assertTrue(reply.error().error().startsWith("administrators only"), reply.body());
        case HIDDEN -> assertSameAsUnknown(row, world, caller, call, reply);
        }
        assertNothingHidden(world, caller, call, reply);
    }

    private static void assertSameAsUnknown(Row row, MatrixWorld world, Caller caller, Call call, Reply reply)
            throws Exception {
        assertFalse(call.foreign.isEmpty(), "a HIDDEN cell must name a foreign id");
        Call unknown = new Call(world, caller, true);
        Reply other = row.request.send(unknown);
        assertEquals(404, other.status(), other.body());
        String hidden = reply.body();
        String absent = other.body();
        for (Map.Entry<String, String> ids : call.foreign.entrySet()) {
            hidden = hidden.replace(ids.getKey(), "<id>");
            absent = absent.replace(ids.getValue(), "<id>");
        }
        assertEquals(absent, hidden, "a foreign id must answer as an unknown one");
        assertEquals(other.headers().firstValue("Content-Type"), reply.headers().firstValue("Content-Type"));
    }

    /** No id or hash of a job the caller may not see, unless the request named it itself. */
    private static void assertNothingHidden(MatrixWorld world, Caller caller, Call call, Reply reply) {
        String body = new String(reply.bytes(), StandardCharsets.ISO_8859_1);
        for (String secret : world.hiddenFrom(caller)) {
            if (!call.sent.contains(secret)) {
                assertFalse(body.contains(secret), () -> caller.label + " was told '" + secret + "': " + body);
            }
        }
        assertEquals("no-store", reply.headers().firstValue("Cache-Control").orElse(null),
                "every API answer is kept from caches");
    }
}
