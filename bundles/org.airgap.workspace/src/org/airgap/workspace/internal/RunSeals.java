package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.airgap.model.Run;
import org.airgap.model.RunSigning;
import org.airgap.workspace.AtomicFile;
import org.airgap.workspace.LaptopIdentity;
import org.airgap.workspace.RunSeal;
import org.airgap.workspace.SealedFiles;

/**
 * The laptop's key and the runs' signatures in a workspace (docs/formats.md, "Laptop key and run
 * signatures"): {@code laptop-key.properties} (owner-only, written atomically, sealed in an encrypted workspace:
 * {@link SealedFiles}) holds the laptop id and the Ed25519 key pair; {@code runs/RUN-ID.sig} a run's {@link RunSeal}. Both are lines of {@code name=value}.
 */
final class RunSeals {

    static final String KEY_FILE = "laptop-key.properties";
    private static final String SEAL_SUFFIX = ".sig";

    private final Path location;
    private final SealedFiles keyFiles;

    RunSeals(Path location, SealedFiles keyFiles) {
        this.location = location;
        this.keyFiles = keyFiles;
    }

    /** The key with its identity. */
    record LaptopKey(LaptopIdentity identity, PrivateKey privateKey) {
    }

    Optional<LaptopKey> key() throws IOException {
        Path file = location.resolve(KEY_FILE);
        Optional<byte[]> content = keyFiles.read(file);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = fields(new String(content.get(), StandardCharsets.UTF_8));
        try {
            String id = required(fields, "laptop", file);
            String publicKey = required(fields, "public", file);
            RunSigning.publicKey(publicKey);
            PrivateKey privateKey = KeyFactory.getInstance(RunSigning.ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(required(fields, "private", file))));
            Instant created = Instant.parse(required(fields, "created", file));
            return Optional.of(new LaptopKey(new LaptopIdentity(id, publicKey, created), privateKey));
        } catch (GeneralSecurityException | IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(file + " is not a laptop key: " + e.getMessage(), e);
        }
    }

    /** Makes the laptop's key; there must be none yet. */
    LaptopKey create(Instant now) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(RunSigning.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("this Java cannot make Ed25519 keys: " + e.getMessage(), e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("laptop", "laptop-" + UUID.randomUUID());
        fields.put("created", now.toString());
        fields.put("public", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        fields.put("private", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        // Sealed in an encrypted workspace: whoever reads the private key can sign runs as this laptop.
        keyFiles.write(location.resolve(KEY_FILE), text(fields));
        return key().orElseThrow();
    }

    /** Signs {@code run} as {@code kind} and keeps the signature beside it. */
    RunSeal seal(LaptopKey key, Run run, String kind, String technician, String auditHead) throws IOException {
        byte[] bytes = RunSigning.signedBytes(run, kind, key.identity().laptopId(), technician, auditHead);
        String signature;
        try {
            signature = RunSigning.sign(key.privateKey(), bytes);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign run " + run.id() + ": " + e.getMessage(), e);
        }
        RunSeal seal = new RunSeal(kind, key.identity().laptopId(), technician, auditHead, signature);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", seal.kind());
        fields.put("laptop", seal.laptopId());
        fields.put("technician", seal.technician());
        fields.put("audit-head", seal.auditHead());
        fields.put("signature", seal.signature());
        AtomicFile.write(sealFile(run.id()), text(fields));
        return seal;
    }

    Optional<RunSeal> seal(String runId) throws IOException {
        Path file = sealFile(runId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, String> fields = read(file);
        return Optional.of(new RunSeal(required(fields, "kind", file), required(fields, "laptop", file),
                required(fields, "technician", file), fields.getOrDefault("audit-head", ""),
                required(fields, "signature", file)));
    }

    private Path sealFile(String runId) {
        if (!runId.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("not a run id: '" + runId + "'");
        }
        return location.resolve("runs").resolve(runId + SEAL_SUFFIX);
    }

    private static byte[] text(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> read(Path file) throws IOException {
        return fields(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return fields;
    }

    private static String required(Map<String, String> fields, String name, Path file) throws IOException {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IOException(file + " has no " + name);
        }
        return value;
    }
}
