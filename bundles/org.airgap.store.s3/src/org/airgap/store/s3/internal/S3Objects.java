package org.airgap.store.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.airgap.store.ManifestFormat;
import org.airgap.store.StoreException;
import org.airgap.store.StoreException.Kind;
import org.airgap.store.s3.S3StoreSettings;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 requests of the store, each turned into an {@link IOException} that names the store when it fails.
 * Uploads read their content once, hash it with SHA-256 on the way and complete only when that hash is the
 * blob's name: a blob whose bytes do not match never becomes visible under its key. Each request carries
 * the Content-MD5 of its bytes, so the S3 server refuses what arrives changed.
 */
final class S3Objects {

    /**
     * Blobs up to this size go in one PUT; larger ones as a multipart upload of parts this large (S3 takes
     * parts of 5 MiB to 5 GiB, at most 10,000 of them: blobs up to 78 GiB). One part is in memory at a time.
     */
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Client client;
    private final S3StoreSettings settings;

    S3Objects(S3Client client, S3StoreSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    S3StoreSettings settings() {
        return settings;
    }

    /** Releases the client's resources; no request may follow. */
    void close() {
        client.close();
    }

    /** A name for messages: {@code s3:/bucket/key}. */
    Path name(String key) {
        return Path.of("s3:", settings.bucket(), key);
    }

    /** The object's size and time, or empty when there is none under {@code key}. */
    Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(client.headObject(b -> b.bucket(settings.bucket()).key(key)));
        } catch (SdkException e) {
            if (S3Connection.status(e) == 404) {
                return Optional.empty();
            }
            throw S3Connection.failure("look up " + key, settings, e);
        }
    }

    /** The object's content as it arrives, or empty when there is none under {@code key}. */
    Optional<ResponseInputStream<GetObjectResponse>> get(String key) throws IOException {
        try {
            return Optional.of(client.getObject(b -> b.bucket(settings.bucket()).key(key)));
        } catch (SdkException e) {
            if (S3Connection.status(e) == 404) {
                return Optional.empty();
            }
            throw S3Connection.failure("read " + key, settings, e);
        }
    }

    void put(String key, byte[] content) throws IOException {
        try {
            client.putObject(b -> b.bucket(settings.bucket()).key(key).contentLength((long) content.length)
                    .contentMD5(md5(content, content.length)), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw S3Connection.failure("store " + key, settings, e);
        }
    }

    void delete(String key) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw S3Connection.failure("delete " + key, settings, e);
        }
    }

    /** Every object under {@code prefix}, in key order. */
    List<S3Object> list(String prefix) throws IOException {
        try {
            List<S3Object> objects = new ArrayList<>();
            client.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(prefix)).contents()
                    .forEach(objects::add);
            return objects;
        } catch (SdkException e) {
            throw S3Connection.failure("list " + prefix, settings, e);
        }
    }

    /**
     * Stores {@code size} bytes of {@code in} under {@code key} if they hash to {@code sha256}; otherwise
     * nothing is stored and INVALID_INPUT names {@code source}.
     */
    void upload(InputStream in, long size, String key, String sha256, Path source) throws IOException {
        MessageDigest digest = ManifestFormat.newSha256();
        if (size <= PART_SIZE) {
            byte[] content = in.readNBytes((int) size);
            digest.update(content);
            requireHash(content.length, size, digest, sha256, source);
            put(key, content);
            return;
        }
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key)).uploadId();
        } catch (SdkException e) {
            throw S3Connection.failure("start the upload of " + key, settings, e);
        }
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[PART_SIZE];
            long total = 0;
            for (int number = 1; total < size; number++) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(PART_SIZE, size - total));
                if (n == 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                total += n;
                parts.add(uploadPart(key, uploadId, number, buffer, n));
            }
            requireHash(total, size, digest, sha256, source);
            client.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            completed = true;
        } catch (SdkException e) {
            throw S3Connection.failure("upload " + key, settings, e);
        } finally {
            if (!completed) {
                abort(key, uploadId);
            }
        }
    }

    private CompletedPart uploadPart(String key, String uploadId, int number, byte[] buffer, int n) {
        RequestBody body = RequestBody.fromBytes(n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n));
        String eTag = client.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                .partNumber(number).contentLength((long) n).contentMD5(md5(buffer, n)), body).eTag();
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    /** Ends a multipart upload that will not complete, so that its parts go; a failure is left to gc. */
    void abort(String key, String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // gc aborts uploads older than its grace period
        }
    }

    /** Multipart uploads under {@code prefix} started before {@code before} (left by a process that died). */
    List<MultipartUpload> staleUploads(String prefix, Instant before) throws IOException {
        try {
            List<MultipartUpload> stale = new ArrayList<>();
            client.listMultipartUploadsPaginator(b -> b.bucket(settings.bucket()).prefix(prefix)).uploads()
                    .forEach(upload -> {
                        if (upload.initiated() != null && upload.initiated().isBefore(before)) {
                            stale.add(upload);
                        }
                    });
            return stale;
        } catch (SdkException e) {
            throw S3Connection.failure("list the unfinished uploads", settings, e);
        }
    }

    private static void requireHash(long read, long size, MessageDigest digest, String sha256, Path source)
            throws StoreException {
        if (read != size) {
            throw new StoreException(Kind.INVALID_INPUT, source, source + " changed while it was stored (" + read
                    + " of " + size + " bytes); it was not stored");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new StoreException(Kind.INVALID_INPUT, source, "the content of " + source + " has SHA-256 " + actual
                    + ", not " + sha256 + "; it was not stored");
        }
    }

    private static String md5(byte[] content, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(content, 0, length);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
