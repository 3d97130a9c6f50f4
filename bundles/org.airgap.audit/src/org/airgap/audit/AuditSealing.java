package org.airgap.audit;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How a trail's lines are sealed (docs/formats.md, "Sealed audit trail"): the laptop's workspace seals them
 * under its data key once it has one. {@link #PLAIN} for a trail that is never sealed (a workspace without a
 * key, tests). Implementations are thread-safe.
 *
 * @since 0.2
 */
@ConsumerType
public interface AuditSealing {

    /** Never seals; a sealed trail opened with it can only be checked without the key. */
    AuditSealing PLAIN = new AuditSealing() {
        @Override
        public boolean sealed() {
            return false;
        }

        @Override
        public boolean unlocked() {
            return false;
        }

        @Override
        public byte[] seal(byte[] plain, String context) throws IOException {
            throw new IOException("this audit trail is not sealed");
        }

        @Override
        public byte[] open(byte[] sealed, String context) throws IOException {
            throw new IOException("this audit trail has no key to open sealed entries");
        }

        @Override
        public String check(byte[] sealed) {
            return "a sealed entry, which this trail cannot check";
        }
    };

    /** Whether new lines are to be sealed (the workspace has a data key), whether or not the key is at hand. */
    boolean sealed();

    /** Whether the key is at hand: lines can be sealed and opened. */
    boolean unlocked();

    /** The sealed form of {@code plain}, bound to {@code context} (its place). */
    byte[] seal(byte[] plain, String context) throws IOException;

    /**
     * The plaintext of {@code sealed}.
     *
     * @throws IOException naming the problem when it does not open (damaged, edited, another key or context)
     */
    byte[] open(byte[] sealed, String context) throws IOException;

    /** Checks {@code sealed} without the key (structure, checksums): {@code null}, or the problem found. */
    String check(byte[] sealed);
}
