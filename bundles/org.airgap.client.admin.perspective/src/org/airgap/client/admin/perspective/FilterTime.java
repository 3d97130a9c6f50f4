package org.airgap.client.admin.perspective;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A time typed into a view's From or To field: a day ({@code 2026-12-01}, its start) or a day and time
 * ({@code 2026-12-01 14:30}) in the workbench's time zone. One rule for every Administration view's filters.
 */
public final class FilterTime {

    private FilterTime() {
    }

    /**
     * The instant {@code text} names; {@code null} when it is empty.
     *
     * @param field the field's name for the refusal ("From")
     * @throws IllegalArgumentException naming the field and the value when it is neither a day nor a time
     */
    public static Instant parse(String field, String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        ZoneId zone = ZoneId.systemDefault();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a day such as 2026-12-01 or a time such"
                    + " as 2026-12-01 14:30");
        }
    }
}
