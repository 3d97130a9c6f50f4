package org.airgap.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.function.Supplier;

import org.airgap.server.core.ServerException.Kind;
import org.junit.jupiter.api.Test;

/** An id outside a scope and an unknown id answer alike; everything keeps the precise answer. */
class AdminScopeTest {

    private static final AdminScope LINE_A = new AdminScope(Set.of("line-a", "cell-a1"));
    private static final Supplier<ServerException> UNKNOWN = () -> new ServerException(Kind.NOT_FOUND,
            "no component 'x' on the server");

    @Test
    void aScopedAdministratorCannotTellAnIdOutsideFromAnUnknownOne() throws ServerException {
        ServerException outside = assertThrows(ServerException.class,
                () -> LINE_A.requireId("component", "x", "plant", UNKNOWN));
        ServerException unknown = assertThrows(ServerException.class,
                () -> LINE_A.requireId("component", "x", null, UNKNOWN));
        assertEquals(Kind.NOT_FOUND, outside.kind());
        assertEquals("no component 'x' in the folders you administer", outside.getMessage());
        assertEquals(unknown.kind(), outside.kind());
        assertEquals(unknown.getMessage(), outside.getMessage());
        LINE_A.requireId("component", "x", "cell-a1", UNKNOWN);

        ServerException folder = assertThrows(ServerException.class, () -> LINE_A.requireFolder("plant"));
        assertEquals(Kind.NOT_FOUND, folder.kind());
        assertEquals("no folder 'plant' in the folders you administer", folder.getMessage());
        LINE_A.requireFolder("line-a");
        assertFalse(LINE_A.covers(null), "no folder is the top of the plant");
    }

    @Test
    void anAdministratorOfEverythingGetsThePreciseAnswer() throws ServerException {
        ServerException unknown = assertThrows(ServerException.class,
                () -> AdminScope.EVERYTHING.requireId("component", "x", null, UNKNOWN));
        assertEquals("no component 'x' on the server", unknown.getMessage());
        AdminScope.EVERYTHING.requireId("component", "x", "plant", UNKNOWN);
        AdminScope.EVERYTHING.requireFolder("anywhere");
        assertTrue(AdminScope.EVERYTHING.covers(null));
    }
}
