package org.airgap.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.airgap.store.StoreKeys;
import org.airgap.workspace.WorkspaceKeyException.Kind;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The key slots of a workspace, {@code <workspace>/keys.json} (docs/formats.md, "Key slots"): one random
 * 256-bit data key per workspace, under which everything sealed in it is encrypted, and per technician a
 * slot holding that key wrapped (AES-256-GCM) by a key derived from their password (PBKDF2-HMAC-SHA256,
 * salt and iterations stored in the slot). A password change re-wraps one slot; the data is not touched.
 * The file is replaced atomically. Not thread-safe: the session service calls it under its lock.
 * <p>
 * The file also records, authenticated by the data key, whether the workspace's trust files are sealed
 * ({@link #trustSealed}): its {@code format} 2 says so, and its {@code keyId} is then derived from the data key with
 * a label of that format, so that nobody without the key can turn it back into a format 1 file (the previous
 * layout, whose plain trust files the next unlock seals, {@link SealedFiles}).
 *
 * @since 0.2
 */
public final class WorkspaceKeys {

    /** The file name in the workspace folder. */
    public static final String FILE = "keys.json";
    public static final String KDF = "PBKDF2WithHmacSHA256";
    /** Iterations of a new slot; the system property {@code airgap.keyslot.iterations} may raise or lower it (tests). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Slots with fewer iterations are refused (a planted slot that is cheap to guess). */
    public static final int MIN_ITERATIONS = 10_000;

    /** The format while the trust files may still be plain (made by the previous version, or just created). */
    private static final int PREVIOUS_LAYOUT = 1;
    /** The format once the trust files are sealed: a plain one is refused from then on. */
    private static final int TRUST_SEALED = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;

    private WorkspaceKeys(Path file) {
        this.file = file;
    }

    /** The key slots of the workspace at {@code location} (the file may not exist yet). */
    public static WorkspaceKeys of(Path location) {
        return new WorkspaceKeys(location.resolve(FILE));
    }

    public Path file() {
        return file;
    }

    /** Whether the workspace has a data key (and so is sealed). */
    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The users with a slot, in the file's order. */
    public List<String> users() throws IOException {
        return new ArrayList<>(read().slots().keySet());
    }

    /**
     * The stored identity of the workspace's data key: {@link StoreKeys#keyId} in a workspace of the previous layout,
     * another HMAC of the key once its trust files are sealed (docs/formats.md, "Key slots"); see {@link #isKeyOf}.
     */
    public String keyId() throws IOException {
        return read().keyId();
    }

    /** Whether {@code dataKey} is this workspace's data key (false when it has none). */
    public boolean isKeyOf(byte[] dataKey) throws IOException {
        if (!exists()) {
            return false;
        }
        return matches(dataKey, read());
    }

    /**
     * Whether the workspace's trust files are sealed, as its data key authenticates it: a file turned back into the
     * previous layout without the key does not match it.
     *
     * @throws WorkspaceKeyException DAMAGED when {@code dataKey} does not match the file (another workspace's key,
     *                               or the file's format or keyId changed)
     * @since 0.2
     */
    public boolean trustSealed(byte[] dataKey) throws IOException {
        Slots slots = read();
        requireKeyOf(dataKey, slots, "the key given");
        return slots.format() == TRUST_SEALED;
    }

    /**
     * Records that the workspace's trust files are sealed (the end of their migration, {@link SealedFiles}): the
     * file is rewritten in format 2 with the key's identity for it; the slots stay as they are.
     *
     * @since 0.2
     */
    public void recordTrustSealed(byte[] dataKey) throws IOException {
        Slots slots = read();
        requireKeyOf(dataKey, slots, "the key given");
        if (slots.format() != TRUST_SEALED) {
            write(new Slots(TRUST_SEALED, keyId(dataKey, TRUST_SEALED), slots.slots()));
        }
    }

    public boolean hasSlot(String user) throws IOException {
        return exists() && read().slots().containsKey(user);
    }

    /**
     * Creates the workspace's data key with {@code user}'s slot; returns the key.
     *
     * @throws WorkspaceKeyException DAMAGED when the workspace has a data key already
     */
    public byte[] create(String user, char[] password) throws IOException {
        if (exists()) {
            throw new WorkspaceKeyException(Kind.DAMAGED, "the workspace " + file.getParent() + " has a data key already");
        }
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        Map<String, JsonObject> slots = new LinkedHashMap<>();
        slots.put(user, wrap(user, password, dataKey, iterations()));
        // The previous layout: the trust files written before the key are sealed by the first unlock, which then
        // records it (recordTrustSealed).
        write(new Slots(PREVIOUS_LAYOUT, keyId(dataKey, PREVIOUS_LAYOUT), slots));
        return dataKey;
    }

    /**
     * The data key from {@code user}'s slot.
     *
     * @throws WorkspaceKeyException NO_SLOT, WRONG_PASSWORD, DAMAGED
     */
    public byte[] unlock(String user, char[] password) throws IOException {
        Slots slots = read();
        JsonObject slot = slots.slots().get(user);
        if (slot == null) {
            throw new WorkspaceKeyException(Kind.NO_SLOT, noSlot(user, slots));
        }
        byte[] dataKey = unwrap(user, password, slot);
        requireKeyOf(dataKey, slots, "the key slot of " + user);
        return dataKey;
    }

    /** Gives {@code user} a slot (or replaces theirs) for {@code dataKey}, which must be this workspace's key. */
    public void addSlot(String user, char[] password, byte[] dataKey) throws IOException {
        Slots slots = read();
        if (!matches(dataKey, slots)) {
            throw new WorkspaceKeyException(Kind.DAMAGED, "not the data key of the workspace " + file.getParent());
        }
        Map<String, JsonObject> changed = new LinkedHashMap<>(slots.slots());
        changed.put(user, wrap(user, password, dataKey, iterations()));
        write(new Slots(slots.format(), slots.keyId(), changed));
    }

    /** Re-wraps {@code user}'s slot under {@code newPassword}; the data key and the data stay as they are. */
    public void changePassword(String user, char[] oldPassword, char[] newPassword) throws IOException {
        byte[] dataKey = unlock(user, oldPassword);
        try {
            addSlot(user, newPassword, dataKey);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Removes {@code user}'s slot; true when there was one. The last slot is never removed. */
    public boolean removeSlot(String user) throws IOException {
        Slots slots = read();
        if (!slots.slots().containsKey(user) || slots.slots().size() == 1) {
            return false;
        }
        Map<String, JsonObject> changed = new LinkedHashMap<>(slots.slots());
        changed.remove(user);
        write(new Slots(slots.format(), slots.keyId(), changed));
        return true;
    }

    private String noSlot(String user, Slots slots) {
        return "this workspace is encrypted and " + user + " has no key on it (it has keys for "
                + String.join(", ", slots.slots().keySet()) + "): one of them logs in, then " + user
                + " logs in online while that session is active";
    }

    /**
     * The data key does not yield the file's keyId for the file's format: the key of another workspace, or the file
     * changed without the key (a format 2 file turned back into format 1, a keyId edited).
     */
    private void requireKeyOf(byte[] dataKey, Slots slots, String what) throws WorkspaceKeyException {
        if (!matches(dataKey, slots)) {
            throw new WorkspaceKeyException(Kind.DAMAGED, what + " does not match the keyId of " + file + " (format "
                    + slots.format() + "): it holds another workspace's key, or the file was changed without the key"
                    + " (its format or keyId edited), and is refused");
        }
    }

    private static boolean matches(byte[] dataKey, Slots slots) {
        return keyId(dataKey, slots.format()).equals(slots.keyId());
    }

    /** Format 1: {@link StoreKeys#keyId}; format 2: hex HMAC-SHA256(data key, ASCII {@code airgap/v2/key-id}). */
    private static String keyId(byte[] dataKey, int format) {
        if (format == PREVIOUS_LAYOUT) {
            return StoreKeys.keyId(dataKey);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("airgap/v2/key-id".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static int iterations() {
        String setting = System.getProperty("airgap.keyslot.iterations");
        return setting == null ? DEFAULT_ITERATIONS : Math.max(MIN_ITERATIONS, Integer.parseInt(setting.strip()));
    }

    // ---- wrapping

    private static JsonObject wrap(String user, char[] password, byte[] dataKey, int iterations) throws IOException {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        byte[] wrapped;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, passwordKey(password, salt, iterations), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(user, iterations));
            wrapped = cipher.doFinal(dataKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot wrap the data key: " + e.getMessage(), e);
        }
        JsonObject slot = new JsonObject();
        slot.addProperty("kdf", KDF);
        slot.addProperty("iterations", iterations);
        slot.addProperty("salt", Base64.getEncoder().encodeToString(salt));
        slot.addProperty("nonce", Base64.getEncoder().encodeToString(nonce));
        slot.addProperty("wrappedKey", Base64.getEncoder().encodeToString(wrapped));
        return slot;
    }

    private byte[] unwrap(String user, char[] password, JsonObject slot) throws IOException {
        byte[] salt;
        byte[] nonce;
        byte[] wrapped;
        int iterations;
        try {
            if (!KDF.equals(slot.get("kdf").getAsString())) {
                throw new WorkspaceKeyException(Kind.DAMAGED, "the key slot of " + user + " in " + file + " uses "
                        + slot.get("kdf").getAsString() + ", which this version of Airgap does not know");
            }
            iterations = slot.get("iterations").getAsInt();
            salt = Base64.getDecoder().decode(slot.get("salt").getAsString());
            nonce = Base64.getDecoder().decode(slot.get("nonce").getAsString());
            wrapped = Base64.getDecoder().decode(slot.get("wrappedKey").getAsString());
        } catch (RuntimeException e) {
            throw new WorkspaceKeyException(Kind.DAMAGED, "the key slot of " + user + " in " + file + " is damaged");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new WorkspaceKeyException(Kind.DAMAGED, "the key slot of " + user + " in " + file + " has "
                    + iterations + " PBKDF2 iterations, fewer than the minimum " + MIN_ITERATIONS + ": refused");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, passwordKey(password, salt, iterations), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(user, iterations));
            byte[] dataKey = cipher.doFinal(wrapped);
            if (dataKey.length != 32) {
                throw new WorkspaceKeyException(Kind.DAMAGED, "the key slot of " + user + " in " + file + " is damaged");
            }
            return dataKey;
        } catch (javax.crypto.AEADBadTagException e) {
            throw new WorkspaceKeyException(Kind.WRONG_PASSWORD, "wrong password for " + user
                    + "'s key on this workspace: the workspace stays locked");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WorkspaceKeyException(Kind.DAMAGED, "the key slot of " + user + " in " + file + " is damaged ("
                    + e.getMessage() + ")");
        }
    }

    private static SecretKeySpec passwordKey(char[] password, byte[] salt, int iterations)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "AES");
        } finally {
            spec.clearPassword();
        }
    }

    /** The slot's user and iterations are bound to it: a slot copied to another user or weakened does not open. */
    private static byte[] associatedData(String user, int iterations) {
        return ("airgap key slot v1\n" + user + "\n" + iterations).getBytes(StandardCharsets.UTF_8);
    }

    // ---- the file

    private record Slots(int format, String keyId, Map<String, JsonObject> slots) {
    }

    private Slots read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WorkspaceKeyException(Kind.NO_SLOT, "the workspace " + file.getParent() + " has no data key");
        }
        try {
            JsonObject root = JsonParser.parseString(text).getAsJsonObject();
            int format = root.get("format").getAsInt();
            if (format != PREVIOUS_LAYOUT && format != TRUST_SEALED) {
                throw new WorkspaceKeyException(Kind.DAMAGED, file + " has format " + root.get("format")
                        + ", which this version of Airgap does not read");
            }
            Map<String, JsonObject> slots = new LinkedHashMap<>();
            for (var element : root.getAsJsonArray("slots")) {
                JsonObject slot = element.getAsJsonObject();
                slots.put(slot.get("user").getAsString(), slot);
            }
            String keyId = root.get("keyId").getAsString();
            return new Slots(format, keyId, slots);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                | NumberFormatException e) {
            throw new WorkspaceKeyException(Kind.DAMAGED, file + " is damaged (" + e.getMessage() + ")");
        }
    }

    private void write(Slots slots) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("format", slots.format());
        root.addProperty("keyId", slots.keyId());
        JsonArray array = new JsonArray();
        slots.slots().forEach((user, slot) -> {
            JsonObject named = new JsonObject();
            named.addProperty("user", user);
            slot.entrySet().stream().filter(entry -> !entry.getKey().equals("user"))
                    .forEach(entry -> named.add(entry.getKey(), entry.getValue()));
            array.add(named);
        });
        root.add("slots", array);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        AtomicFile.write(file, (root + "\n").getBytes(StandardCharsets.UTF_8), ownerOnly);
    }
}
