package org.airgap.driver.s7.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.airgap.driver.api.TableFile;

/**
 * The canonical table of each area: one row per byte, keyed by its offset, with the byte in hex and the
 * typed values of the layout that start at it. No time or other varying text, so an unchanged PLC gives
 * equal bytes and a changed byte shows as one changed row naming its offset.
 */
final class AreaTables {

    /** Digits of an offset: every S7 byte address 0 to 65535 has five, so code point order is numeric order. */
    private static final String OFFSET_FORMAT = "%05d";

    private AreaTables() {
    }

    /** The table text of each area file ("DB1.table"), from the ranges' bytes. */
    static Map<String, String> format(S7Settings settings, Map<AreaRange, byte[]> contents) {
        Map<String, List<AreaRange>> byArea = new LinkedHashMap<>();
        contents.keySet().forEach(range -> byArea.computeIfAbsent(range.area(), a -> new ArrayList<>()).add(range));
        Map<String, String> tables = new LinkedHashMap<>();
        for (Map.Entry<String, List<AreaRange>> area : byArea.entrySet()) {
            List<AreaRange> ranges = new ArrayList<>(area.getValue());
            ranges.sort((left, right) -> Integer.compare(left.start(), right.start()));
            List<List<String>> rows = new ArrayList<>();
            for (AreaRange range : ranges) {
                byte[] bytes = contents.get(range);
                for (int i = 0; i < bytes.length; i++) {
                    int offset = range.start() + i;
                    rows.add(List.of(String.format(OFFSET_FORMAT, offset), String.format("%02X", bytes[i] & 0xFF),
                            typedValues(settings, range, bytes, offset)));
                }
            }
            List<String> comments = List.of(deviceComment(settings), area.getKey() + ", ranges "
                    + ranges.stream().map(AreaRange::toString).collect(Collectors.joining(", ")),
                    "offset: byte address, 5 digits; byte: hex; value: the layout's typed values starting there");
            tables.put(ranges.get(0).file(), TableFile.format(comments, List.of("offset", "byte", "value"), rows));
        }
        return tables;
    }

    /** The identity table, when the PLC gave one. */
    static String identity(S7Settings settings, Identification identification) {
        return TableFile.format(List.of(deviceComment(settings), "system status lists 0011 (module) and 001C "
                + "(component identification)"), List.of("szl", "field", "value"), identification.rows());
    }

    private static String typedValues(S7Settings settings, AreaRange range, byte[] bytes, int offset) {
        return settings.layout().stream()
                .filter(field -> field.offset() == offset && field.within(range))
                .map(field -> field.describe(bytes, range.start()))
                .collect(Collectors.joining("; "));
    }

    /** What every table says about where it was read; no time, so an unchanged PLC gives equal bytes. */
    private static String deviceComment(S7Settings settings) {
        return "device: " + settings.endpoint() + ", Siemens S7, " + settings.addressing();
    }
}
