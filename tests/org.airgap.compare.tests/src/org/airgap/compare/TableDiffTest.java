package org.airgap.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.airgap.driver.api.TableFile;

class TableDiffTest {

    private static final String REGISTERS = """
            # airgap-table v1
            # device: press-3 (Modbus TCP, unit 1)
            # read at 2024-06-11T10:00:00Z
            address\tvalue
            40001\t17
            40002\t230
            40003\t2
            40004\t0
            """;

    @Test
    void changedRegisterValuesAreListedAsAddressOldToNew() throws Exception {
        String after = """
                # airgap-table v1
                # device: press-3 (Modbus TCP, unit 1)
                # read at 2024-06-12T08:30:00Z
                address\tvalue
                40001\t18
                40002\t230
                40003\t2
                40004\t1
                """;
        TableDiff diff = TableDiff.of(REGISTERS, after, null);
        assertEquals(List.of(
                new TableDiff.Row(TableDiff.Kind.CHANGED, "40001", List.of(new TableDiff.Cell("value", "17", "18"))),
                new TableDiff.Row(TableDiff.Kind.CHANGED, "40004", List.of(new TableDiff.Cell("value", "0", "1")))),
                diff.rows());
        assertEquals("""
                ~ 40001 value: 17 -> 18
                ~ 40004 value: 0 -> 1
                """, diff.format());
    }

    @Test
    void addedAndRemovedRowsWithAllTheirValues() throws Exception {
        String before = """
                # airgap-table v1
                address\ttype\tvalue
                40001\tINT\t17
                40003\tREAL\t2.5
                """;
        String after = """
                # airgap-table v1
                address\ttype\tvalue
                40001\tINT\t17
                40002\tINT\t5
                """;
        TableDiff diff = TableDiff.of(before, after, null);
        assertEquals("""
                + 40002 type=INT, value=5
                - 40003 type=REAL, value=2.5
                """, diff.format());
        assertEquals(TableDiff.Kind.ADDED, diff.rows().get(0).kind());
        assertEquals(new TableDiff.Cell("value", null, "5"), diff.rows().get(0).cells().get(1));
        assertFalse(diff.isEmpty());
    }

    @Test
    void commentsAreNotCompared() throws Exception {
        String sameRowsOtherComments = REGISTERS.replace("2024-06-11T10:00:00Z", "2024-06-12T08:30:00Z");
        assertTrue(TableDiff.of(REGISTERS, sameRowsOtherComments, null).isEmpty());
    }

    @Test
    void ignoredRowsCountAsAbsent() throws Exception {
        String after = REGISTERS.replace("40004\t0", "40004\t99");
        assertFalse(TableDiff.of(REGISTERS, after, null).isEmpty());
        assertTrue(TableDiff.of(REGISTERS, after, line -> line.startsWith("40004\t")).isEmpty());
    }

    @Test
    void aChangedHeaderIsReportedAndCommonColumnsAreStillCompared() throws Exception {
        String before = "# airgap-table v1\naddress\tvalue\n1\ta\n2\tb\n";
        String after = "# airgap-table v1\naddress\tunit\tvalue\n1\tV\ta\n2\tV\tc\n";
        TableDiff diff = TableDiff.of(before, after, null);
        assertEquals("""
                columns: address, value -> address, unit, value
                ~ 2 value: b -> c
                """, diff.format());
    }

    @Test
    void anAddedFileHasOnlyAddedRows() throws Exception {
        TableDiff diff = TableDiff.of(null, REGISTERS, null);
        assertEquals(4, diff.rows().size());
        assertTrue(diff.rows().stream().allMatch(row -> row.kind() == TableDiff.Kind.ADDED));
        assertFalse(diff.columnsChanged());
    }

    @Test
    void formatWritesTheCanonicalFormSortedAndEscaped() throws Exception {
        String table = TableFile.format(List.of("device: press-3"), List.of("tag", "value"),
                List.of(List.of("b", "tab\there"), List.of("a", "line\nbreak \\ end"), List.of("B", "")));
        assertEquals("""
                # airgap-table v1
                # device: press-3
                tag\tvalue
                B\t
                a\tline\\nbreak \\\\ end
                b\ttab\\there
                """, table);
        // Read back: the values are unescaped again.
        TableDiff diff = TableDiff.of(null, table, null);
        assertEquals("line\nbreak \\ end", diff.rows().get(1).cells().get(0).newValue());
        assertEquals("", diff.rows().get(0).cells().get(0).newValue());
        assertThrows(IllegalArgumentException.class,
                () -> TableFile.format(List.of(), List.of("k", "v"), List.of(List.of("a", "1"), List.of("a", "2"))));
    }

    @Test
    void keysAreInCodePointOrder() {
        assertTrue(TableFile.KEY_ORDER.compare("40001", "40002") < 0);
        assertTrue(TableFile.KEY_ORDER.compare("B", "a") < 0);
        // U+FFFD sorts before U+1F600 by code point, though not by UTF-16 code unit.
        assertTrue(TableFile.KEY_ORDER.compare("\uFFFD", "\uD83D\uDE00") < 0);
        assertTrue(TableFile.KEY_ORDER.compare("a", "ab") < 0);
    }

    @Test
    void filesThatBreakTheFormatAreRejectedWithTheirLine() {
        String unsorted = "# airgap-table v1\naddress\tvalue\n40002\t1\n40001\t2\n";
        TableFormatException e = assertThrows(TableFormatException.class, () -> TableDiff.of(unsorted, unsorted, null));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("sorted"), e.getMessage());

        String duplicate = "# airgap-table v1\naddress\tvalue\n40001\t1\n40001\t2\n";
        assertEquals(4, assertThrows(TableFormatException.class, () -> TableDiff.of(duplicate, null, null)).line());

        String wrongWidth = "# airgap-table v1\n# c\naddress\tvalue\n40001\n";
        assertEquals(4, assertThrows(TableFormatException.class, () -> TableDiff.of(null, wrongWidth, null)).line());

        assertEquals(1, assertThrows(TableFormatException.class,
                () -> TableDiff.of("address\tvalue\n", null, null)).line());
        assertThrows(TableFormatException.class, () -> TableDiff.of("# airgap-table v1\n# only comments\n", null, null));
    }
}
