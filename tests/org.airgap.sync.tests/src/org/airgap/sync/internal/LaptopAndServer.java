package org.airgap.sync.internal;

import static org.airgap.sync.internal.SyncTest.ANNA;
import static org.airgap.sync.internal.SyncTest.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;

import org.airgap.protocol.Role;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup the sync tests share: a real server in this runtime (sessions idle out after 2 h, end after 48 h)
 * with {@link SyncTest#ANNA} a technician on it and what {@link #definePlant} adds, and one laptop; both in a
 * temporary folder, closed after each test. A subclass's {@code @BeforeEach} runs once both are there.
 */
abstract class LaptopAndServer {

    @TempDir
    Path folder;
    ServerFixture server;
    Laptop laptop;

    @BeforeEach
    void startServerAndLaptop() throws Exception {
        server = SyncTest.startServer(folder.resolve("server"), Duration.ofHours(2), Duration.ofHours(48));
        server.addUser(ANNA, Role.TECHNICIAN, PASSWORD);
        definePlant();
        laptop = new Laptop(folder.resolve("laptop"));
    }

    /** Defines the test's plant and assignments, and its users beside anna, on the started {@link #server}. */
    abstract void definePlant() throws Exception;

    @AfterEach
    void closeLaptopAndServer() throws Exception {
        try {
            laptop.close();
        } finally {
            server.close();
        }
    }
}
