package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Where the DS repository opens: property, then environment, then instance area. */
class WorkspaceLocationTest {

    private static final String INSTANCE_AREA = "file:/home/tech1/.airgap/work space/";

    @Test
    void thePropertyWinsOverTheEnvironment() {
        assertEquals(Path.of("/srv/property"), LocalJobRepositoryComponent.location("/srv/property",
                "/srv/environment", INSTANCE_AREA));
    }

    @Test
    void theEnvironmentWinsOverTheInstanceArea() {
        assertEquals(Path.of("/srv/environment"), LocalJobRepositoryComponent.location(null, "/srv/environment",
                INSTANCE_AREA));
        assertEquals(Path.of("/srv/environment"), LocalJobRepositoryComponent.location("  ", "/srv/environment",
                INSTANCE_AREA));
    }

    @Test
    void withoutSettingsTheRepositoryIsInTheInstanceAreaElseInTheHomeFolder() {
        assertEquals(Path.of("/home/tech1/.airgap/work space/repository"),
                LocalJobRepositoryComponent.location(null, "", INSTANCE_AREA));
        assertEquals(Path.of(System.getProperty("user.home"), ".airgap", "repository"),
                LocalJobRepositoryComponent.location(null, null, null));
    }
}
