package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

import org.airgap.protocol.Api;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.Plant;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * A request below {@code /api/admin/folders}, {@code /components} or {@code /jobs}: the caller's
 * administrative scope and name, and what the path names — the collection, one item ({@code /<id>}) or
 * an action on it ({@code /<id>/move}, {@code /<id>/restore}). Anything else is an unknown path.
 */
final class PlantRequest {

    /** The ids' column width in the database: a longer id names nothing. */
    private static final int MAX_ID_LENGTH = 200;

    final Exchange exchange;
    final AdminScope scope;
    /** The acting administrator, as the audit trail records them. */
    final String user;
    final Plant plant;
    /** {@code null} for the collection. */
    final String id;
    /** {@code null}, or the action's suffix without its slash ("move", "restore"). */
    final String action;

    private PlantRequest(Exchange exchange, AdminScope scope, String user, Plant plant, String id, String action) {
        this.exchange = exchange;
        this.scope = scope;
        this.user = user;
        this.plant = plant;
        this.id = id;
        this.action = action;
    }

    /** @throws ServerException FORBIDDEN for a technician, NOT_FOUND for a path that names nothing */
    static PlantRequest of(Exchange exchange, ApiServices services) throws ServerException {
        AdminScope scope = exchange.adminScope();
        String[] segments = exchange.pathSegments();
        if (segments.length > 2 || segments.length >= 1 && (segments[0].isEmpty()
                || segments[0].length() > MAX_ID_LENGTH)) {
            throw JsonEndpoint.noSuchPath(exchange);
        }
        String action = segments.length == 2 ? segments[1] : null;
        if (action != null && !("/" + action).equals(Api.MOVE_SUFFIX) && !("/" + action).equals(Api.RESTORE_SUFFIX)) {
            throw JsonEndpoint.noSuchPath(exchange);
        }
        return new PlantRequest(exchange, scope, exchange.session().user(), services.repository().plant(),
                segments.length == 0 ? null : segments[0], action);
    }

    boolean collection() {
        return id == null;
    }

    boolean item() {
        return id != null && action == null;
    }

    boolean is(String suffix) {
        return action != null && ("/" + action).equals(suffix);
    }

    /** BAD_REQUEST unless the path names what the method works on (a job has no move, a folder no restore). */
    void require(boolean shape) throws ServerException {
        if (!shape) {
            throw new ServerException(Kind.BAD_REQUEST, exchange.request().getMethod() + " is not supported on "
                    + exchange.request().getRequestURI() + " (docs/server.md lists the endpoints)");
        }
    }

    /** A {@code true}/{@code false} query parameter, {@code false} when absent. */
    boolean flag(String name) throws ServerException {
        return flag(exchange, name);
    }

    static boolean flag(Exchange exchange, String name) throws ServerException {
        String value = exchange.queryParameter(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ServerException(Kind.BAD_REQUEST, "the query parameter " + name + " is true or false, not '" + value
                + "'");
    }

    /** A changed record's id must be the path's: ids never change. */
    void requireSameId(String kind, String bodyId) throws ServerException {
        if (!id.equals(bodyId)) {
            throw new ServerException(Kind.BAD_REQUEST, "the body names " + kind + " '" + bodyId
                    + "' but the path names '" + id + "': an id does not change");
        }
    }

    /** NOT_FOUND for an id the server does not know, worded as the repository words it. */
    static ServerException unknown(String kind, String id) {
        return new ServerException(Kind.NOT_FOUND, "no " + kind + " '" + id + "' on the server (airgap admin " + kind
                + "s list shows them)");
    }

    /**
     * What the path's id names, looked up as {@code found}, checked against the caller's scope: for a
     * folder-scoped administrator an id outside their folders answers as an unknown one
     * ({@link AdminScope#requireId}).
     */
    <T> T stored(String kind, Optional<T> found, Function<T, String> folderOf) throws ServerException {
        scope.requireId(kind, id, found.map(folderOf).orElse(null), () -> unknown(kind, id));
        return found.orElseThrow();
    }

    <T> T read(Class<T> type) throws ServerException, IOException {
        return exchange.readJson(type);
    }
}
