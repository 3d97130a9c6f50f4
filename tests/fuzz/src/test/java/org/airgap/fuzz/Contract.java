package org.airgap.fuzz;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What every fuzz target checks besides "no other exception escapes": a refusal says what is wrong.
 * Anything a target does not catch — NullPointerException, IndexOutOfBounds, ClassCast, StackOverflow,
 * OutOfMemory, an unexpected exception type — is a finding Jazzer reports with the input.
 */
public final class Contract {

    private Contract() {
    }

    /** The documented refusal must carry a message a user can act on. */
    public static void requireMessage(Throwable refusal) {
        String message = refusal.getMessage();
        if (message == null || message.isBlank()) {
            throw new AssertionError("refused without a message: " + refusal.getClass().getName(), refusal);
        }
    }

    /** Deletes a scratch directory a target wrote into (each input gets its own). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
