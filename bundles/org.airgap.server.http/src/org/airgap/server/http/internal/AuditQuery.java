package org.airgap.server.http.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.airgap.protocol.Api;
import org.airgap.server.core.AuditFilter;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * The query parameters of {@link Api#ADMIN_AUDIT}, checked: {@code user}, {@code subject}, {@code action},
 * {@code from} and {@code to} (ISO-8601 instants), {@code source} ({@code server}, {@code laptops},
 * {@code all}), {@code limit} (1 to {@link Api#MAX_AUDIT_PAGE}) and {@code after} (a page's {@code next}); and
 * {@code order} ({@code oldest}, the default, or {@code newest}).
 */
final class AuditQuery {

    private static final int MAX_TEXT = 200;
    private static final Pattern ACTION = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}");

    private AuditQuery() {
    }

    static AuditFilter filter(Exchange exchange) throws ServerException {
        String action = text(exchange, "action");
        if (action != null && !ACTION.matcher(action).matches()) {
            throw bad("action='" + action + "' is not an action: a word such as LOGIN, COMMIT or FOLDER_CREATE");
        }
        Instant from = instant(exchange, "from");
        Instant to = instant(exchange, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw bad("from=" + from + " is not before to=" + to);
        }
        return new AuditFilter(text(exchange, "user"), text(exchange, "subject"),
                action == null ? null : action.toUpperCase(Locale.ROOT), from, to, source(exchange), limit(exchange),
                text(exchange, "after"));
    }

    /** Whether {@code order=newest} asks for the newest entry first; {@code oldest} or nothing: oldest first. */
    static boolean newestFirst(Exchange exchange) throws ServerException {
        String value = text(exchange, "order");
        if (value == null || value.equals("oldest")) {
            return false;
        }
        if (value.equals("newest")) {
            return true;
        }
        throw bad("order='" + value + "' is neither oldest nor newest");
    }

    /** A text parameter; empty counts as not given. */
    private static String text(Exchange exchange, String name) throws ServerException {
        String value = exchange.queryParameter(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw bad(name + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static Instant instant(Exchange exchange, String name) throws ServerException {
        String value = text(exchange, name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name + "='" + value + "' is not an ISO-8601 instant such as 2026-03-01T08:00:00Z");
        }
    }

    private static AuditFilter.Source source(Exchange exchange) throws ServerException {
        String value = text(exchange, "source");
        if (value == null) {
            return AuditFilter.Source.ALL;
        }
        return switch (value) {
        case "server" -> AuditFilter.Source.SERVER;
        case "laptops" -> AuditFilter.Source.LAPTOPS;
        case "all" -> AuditFilter.Source.ALL;
        default -> throw bad("source='" + value + "' is none of server, laptops, all");
        };
    }

    private static int limit(Exchange exchange) throws ServerException {
        String value = text(exchange, "limit");
        if (value == null) {
            return AuditFilter.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= Api.MAX_AUDIT_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw bad("limit='" + value + "' must be a whole number from 1 to " + Api.MAX_AUDIT_PAGE);
    }

    private static ServerException bad(String problem) {
        return new ServerException(Kind.BAD_REQUEST, problem);
    }
}
