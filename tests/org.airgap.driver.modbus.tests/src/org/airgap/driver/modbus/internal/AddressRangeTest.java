package org.airgap.driver.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void parsesSortsAndSplits() throws Exception {
        assertEquals(List.of(new AddressRange(7, 7), new AddressRange(10, 19), new AddressRange(200, 65535)),
                AddressRange.parse(List.of("200 - 65535", "10-19", "7")));
        assertEquals(List.of(new AddressRange(0, 124), new AddressRange(125, 249), new AddressRange(250, 250)),
                new AddressRange(0, 250).split(125));
        List<AddressRange> all = new AddressRange(0, 65535).split(125);
        assertEquals(525, all.size());
        assertEquals(new AddressRange(65500, 65535), all.get(524));
        assertEquals(List.of(new AddressRange(0, 1999), new AddressRange(2000, 2000)),
                new AddressRange(0, 2000).split(2000));
    }

    @Test
    void rejectsBadItems() {
        for (String bad : List.of("", "-5", "1-", "1-2-3", "0x10", "65536", "99999999999", "5-4", "4000A")) {
            assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(List.of(bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(List.of("0-10", "10-20")));
    }
}
