package org.airgap.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** server.ini as an administrator (or an attacker with write access to the data directory) may write it. */
class ServerIniFuzzTest {

    private static Path dataDirectory;

    @BeforeAll
    static void createDataDirectory() throws IOException {
        dataDirectory = Files.createTempDirectory("airgap-fuzz-ini");
    }

    @AfterAll
    static void deleteDataDirectory() throws IOException {
        Contract.deleteTree(dataDirectory);
    }

    /** Settings that load are usable: ServerSettings' own checks passed; anything else is a ServerIniException. */
    @FuzzTest(maxDuration = "10m")
    void load(byte[] file) throws IOException {
        Files.write(dataDirectory.resolve(ServerSettings.INI_FILE), file);
        try {
            ServerSettings settings = ServerIni.load(dataDirectory);
            if (settings.port() < 1 || settings.port() > 65535 || settings.maxUploadBytes() < 0
                    || settings.idleTimeout().isNegative() || settings.partExpiry().isNegative()) {
                throw new AssertionError("load accepted settings out of range: " + settings);
            }
        } catch (ServerIniException e) {
            Contract.requireMessage(e);
        }
    }
}
