package org.airgap.store.s3.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.airgap.store.ContentStore;
import org.airgap.store.s3.S3StoreSettings;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Opens an {@link S3ContentStore} after checking that its bucket answers to its credentials. */
public final class S3Stores {

    private S3Stores() {
    }

    public static ContentStore open(S3StoreSettings settings, Path spool) throws IOException {
        S3Client client = S3Connection.client(settings, settings.readCredentials());
        try {
            check(client, settings);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        Files.createDirectories(spool);
        return new S3ContentStore(new S3Objects(client, settings), spool);
    }

    /** One listing of the bucket: it exists, it answers, and the credentials may read it. */
    private static void check(S3Client client, S3StoreSettings settings) throws IOException {
        String store = "the S3 store " + settings.endpoint() + " bucket " + settings.bucket();
        try {
            client.listObjectsV2(b -> b.bucket(settings.bucket()).maxKeys(1));
        } catch (SdkClientException e) {
            throw new IOException(store + " does not answer: " + e.getMessage() + " (check s3.endpoint)", e);
        } catch (SdkException e) {
            int status = S3Connection.status(e);
            String hint = switch (status) {
            case 403 -> "refused the credentials of " + settings.credentialsFile() + ": check accessKeyId and"
                    + " secretAccessKey there, and that this key may read and write the bucket";
            case 404 -> "has no such bucket: create it first (the server does not create buckets), or correct bucket";
            case 301, 400 -> "refused the request (" + status + "): check region (" + settings.region()
                    + ") and pathStyle (" + settings.pathStyle() + ")";
            default -> "answered " + status + ": " + e.getMessage();
            };
            throw new IOException(store + " " + hint, e);
        }
    }
}
