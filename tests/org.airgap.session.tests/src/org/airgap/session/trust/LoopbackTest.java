package org.airgap.session.trust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Which hosts plain http:// may reach: this machine only, decided without a name server. */
class LoopbackTest {

    @Test
    void thisMachineIsLoopback() {
        for (String host : new String[] { "localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "::1" }) {
            assertTrue(Loopback.isLoopback(host), host);
        }
        assertTrue(Loopback.isLoopback(URI.create("http://[::1]:8080").getHost()));
    }

    @Test
    void namesAndOtherAddressesAreNot() {
        for (String host : new String[] { "airgap.plant", "localhost.plant.example", "10.0.0.1", "192.168.1.10",
                "[fe80::1]", "0.0.0.0", "127.0.0.1.nip.io", "", null }) {
            assertFalse(Loopback.isLoopback(host), String.valueOf(host));
        }
    }
}
