package org.airgap.model;

import static org.airgap.model.CompareResult.DIFFERENT;
import static org.airgap.model.CompareResult.EQUAL;
import static org.airgap.model.CompareResult.ERROR;
import static org.airgap.model.CompareResult.NOT_AVAILABLE;
import static org.airgap.model.CompareResult.NOT_COMPARED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CompareResultTest {

    /** Error > Different > Equal > Not compared > Not available. */
    private static final List<CompareResult> WORST_FIRST = List.of(ERROR, DIFFERENT, EQUAL, NOT_COMPARED, NOT_AVAILABLE);

    @Test
    void theWorseOfTwoWinsInEitherOrder() {
        for (int worse = 0; worse < WORST_FIRST.size(); worse++) {
            for (int better = worse; better < WORST_FIRST.size(); better++) {
                CompareResult a = WORST_FIRST.get(worse);
                CompareResult b = WORST_FIRST.get(better);
                assertEquals(a, CompareResult.worst(a, b), a + " vs " + b);
                assertEquals(a, CompareResult.worst(b, a), b + " vs " + a);
                assertEquals(a, b.combine(a));
            }
        }
    }

    @Test
    void worstOfMany() {
        assertEquals(DIFFERENT, CompareResult.worst(EQUAL, NOT_AVAILABLE, DIFFERENT, NOT_COMPARED, EQUAL));
        assertEquals(ERROR, CompareResult.worst(EQUAL, ERROR, DIFFERENT));
        assertEquals(NOT_COMPARED, CompareResult.worst(NOT_AVAILABLE, NOT_COMPARED));
    }

    @Test
    void worstOfNoneIsNotAvailableAndNullIsIgnored() {
        assertEquals(NOT_AVAILABLE, CompareResult.worst());
        assertEquals(EQUAL, EQUAL.combine(null));
    }

    @Test
    void labelsAreTheWordsTechniciansSee() {
        assertEquals("Not available", NOT_AVAILABLE.label());
        assertEquals("Not compared", NOT_COMPARED.label());
        assertEquals("Equal", EQUAL.label());
        assertEquals("Different", DIFFERENT.label());
        assertEquals("Error", ERROR.label());
    }
}
