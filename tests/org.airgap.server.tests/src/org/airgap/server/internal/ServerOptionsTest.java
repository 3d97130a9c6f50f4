package org.airgap.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.airgap.server.internal.ServerOptions.UsageException;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    private static final Path LOG = Path.of("/tmp/airgap-test.log");

    @Test
    void defaultsBindAllInterfacesOnPort8080() throws Exception {
        ServerOptions options = ServerOptions.parse(List.of(), LOG);
        assertEquals(new ServerOptions("0.0.0.0", 8080, LOG), options);
    }

    @Test
    void portHostAndLogComeFromTheCommandLine() throws Exception {
        ServerOptions options = ServerOptions.parse(List.of("--port", "9090", "--host", "127.0.0.1", "--log",
                "/var/log/airgap.log"), LOG);
        assertEquals(new ServerOptions("127.0.0.1", 9090, Path.of("/var/log/airgap.log")), options);
    }

    @Test
    void badPortIsRefusedWithAMessageThatNamesIt() {
        assertEquals("--port must be a number from 1 to 65535, not 'http'",
                assertThrows(UsageException.class, () -> ServerOptions.parse(List.of("--port", "http"), LOG))
                        .getMessage());
        assertEquals("--port must be a number from 1 to 65535, not '70000'",
                assertThrows(UsageException.class, () -> ServerOptions.parse(List.of("--port", "70000"), LOG))
                        .getMessage());
    }

    @Test
    void missingValueAndUnknownArgumentsAreRefused() {
        assertEquals("--port needs a value",
                assertThrows(UsageException.class, () -> ServerOptions.parse(List.of("--port"), LOG)).getMessage());
        assertEquals("--port needs a value", assertThrows(UsageException.class,
                () -> ServerOptions.parse(List.of("--port", "--host", "x"), LOG)).getMessage());
        assertEquals("unknown argument '--data'",
                assertThrows(UsageException.class, () -> ServerOptions.parse(List.of("--data", "/srv"), LOG))
                        .getMessage());
    }
}
