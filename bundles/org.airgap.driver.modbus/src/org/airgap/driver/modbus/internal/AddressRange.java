package org.airgap.driver.modbus.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of 0-based Modbus protocol addresses, both ends included, as a job names it: "200-299" or "17".
 */
record AddressRange(int first, int last) {

    static final int MAX_ADDRESS = 65535;

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(?:-\\s*(\\d+))?");

    AddressRange {
        if (first < 0 || last > MAX_ADDRESS || first > last) {
            throw new IllegalArgumentException("not a range: " + first + "-" + last);
        }
    }

    int count() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }

    /**
     * Parses list items such as "0-99", "200-299", "17" into disjoint ranges sorted by address.
     *
     * @throws IllegalArgumentException naming the bad item (not the parameter): not a range, out of 0-65535,
     *                                  reversed, or overlapping
     */
    static List<AddressRange> parse(List<String> items) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String item : items) {
            Matcher matcher = SYNTAX.matcher(item.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + item + "' is not an address range such as 0-99 or a single address such as 17");
            }
            long first = number(matcher.group(1), item);
            long last = matcher.group(2) == null ? first : number(matcher.group(2), item);
            if (first > last) {
                throw new IllegalArgumentException("'" + item + "': the first address must not be above the last (write " + last
                        + "-" + first + ")");
            }
            ranges.add(new AddressRange((int) first, (int) last));
        }
        ranges.sort(Comparator.comparingInt(AddressRange::first));
        for (int i = 1; i < ranges.size(); i++) {
            AddressRange previous = ranges.get(i - 1);
            AddressRange range = ranges.get(i);
            if (range.first() <= previous.last()) {
                throw new IllegalArgumentException("ranges " + previous + " and " + range
                        + " overlap: list each address once (e.g. " + previous.first() + "-"
                        + Math.max(previous.last(), range.last()) + ")");
            }
        }
        return List.copyOf(ranges);
    }

    private static long number(String digits, String item) {
        // Long first: "99999999999" must give the range message, not a NumberFormatException.
        long value = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (value > MAX_ADDRESS) {
            throw new IllegalArgumentException("'" + item + "': addresses go from 0 to " + MAX_ADDRESS
                    + " (0-based protocol addresses, not 40001-style register numbers)");
        }
        return value;
    }

    /** This range cut into consecutive pieces of at most {@code maxCount} addresses. */
    List<AddressRange> split(int maxCount) {
        List<AddressRange> pieces = new ArrayList<>();
        for (int start = first; start <= last; start += maxCount) {
            pieces.add(new AddressRange(start, Math.min(last, start + maxCount - 1)));
        }
        return pieces;
    }
}
