package org.airgap.sync.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.airgap.protocol.ProtocolJson;

import com.google.gson.JsonParseException;

/**
 * The last audit entry the server acknowledged ({@code <workspace>/sync/audit-acknowledged.json}); its
 * hash tells whether the trail is still the one the mark was made on.
 */
public record AuditMark(long sequence, String hash) {

    static final AuditMark NONE = new AuditMark(0, null);

    static AuditMark read(Path file) throws IOException {
        try {
            return ProtocolJson.read(Files.readString(file, StandardCharsets.UTF_8), AuditMark.class);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (JsonParseException e) {
            // Sending entries twice is harmless (the server keeps each once): start over.
            return NONE;
        }
    }

    /** Replaces the file atomically: a crash leaves the old or the new mark. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((ProtocolJson.write(this) + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
