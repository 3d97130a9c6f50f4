package org.airgap.server.http.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.airgap.model.RunOutcome;
import org.airgap.server.core.RunQuery;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * The run list's query string ({@code ?component=&job=&user=&outcome=&from=&to=&limit=&after=}) read into a
 * {@link RunQuery}. Everything in it is hostile: an unknown parameter, one given twice, an overlong value, an
 * outcome or time that does not parse, a page size beyond {@link RunQuery#MAX_LIMIT} are refused with 400
 * naming it — a misspelt filter must not silently list every run.
 */
final class RunQueries {

    static final List<String> PARAMETERS = List.of("component", "job", "user", "outcome", "from", "to", "limit",
            "after");
    /** Longer than any id the server stores (ids are at most 200 characters). */
    private static final int MAX_VALUE = 200;

    private RunQueries() {
    }

    static RunQuery parse(Exchange exchange) throws ServerException {
        Map<String, String> values = new HashMap<>();
        String query = exchange.request().getQueryString();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!PARAMETERS.contains(name)) {
                    throw bad("unknown parameter '" + name + "'; the run list knows " + String.join(", ", PARAMETERS));
                }
                String value = exchange.queryParameter(name);
                if (values.put(name, value) != null) {
                    throw bad("the parameter '" + name + "' is given twice");
                }
                if (value.length() > MAX_VALUE) {
                    throw bad("the value of '" + name + "' is longer than " + MAX_VALUE + " characters");
                }
            }
        }
        try {
            return new RunQuery(text(values, "component"), text(values, "job"), text(values, "user"),
                    outcome(values.get("outcome")), time(values, "from"), time(values, "to"), limit(values.get("limit")),
                    text(values, "after"));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private static String text(Map<String, String> values, String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static RunOutcome outcome(String value) throws ServerException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return RunOutcome.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("outcome '" + value + "' is none of " + Arrays.toString(RunOutcome.values()));
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-25T10:00:00Z}) or a day ({@code 2026-11-25}, its start in UTC). */
    private static Instant time(Map<String, String> values, String name) throws ServerException {
        String value = text(values, name);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name + "=" + value + " is not a time such as 2026-11-25T10:00:00Z or a day such as 2026-11-25");
        }
    }

    private static int limit(String value) throws ServerException {
        if (value == null || value.isEmpty()) {
            return RunQuery.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad("limit=" + value + " is not a number of runs (1…" + RunQuery.MAX_LIMIT + ")");
        }
    }

    private static ServerException bad(String message) {
        return new ServerException(Kind.BAD_REQUEST, "bad run list query: " + message);
    }
}
