package org.airgap.store.s3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

import org.airgap.store.s3.S3StoreSettings;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The SDK's S3 client, built with everything explicit (docs/scale-out.md, "The S3 client under OSGi"): the
 * URL-connection HTTP client passed in (the SDK would look for one by ServiceLoader), endpoint, region and
 * static credentials from {@link S3StoreSettings}, an empty profile file (no {@code ~/.aws/config} is read),
 * the standard defaults and retry mode. Checksums only where S3 requires them: the store sends Content-MD5
 * itself, and the trailing checksums of newer SDKs are not understood by every S3-compatible server.
 */
final class S3Connection {

    private S3Connection() {
    }

    static S3Client client(S3StoreSettings settings, S3StoreSettings.Credentials credentials) {
        ProfileFile none = ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CONFIGURATION).build();
        SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofMinutes(2)).build();
        return S3Client.builder().httpClient(http).endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey())))
                .forcePathStyle(settings.pathStyle()).defaultsMode(DefaultsMode.STANDARD)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.defaultProfileFile(none).defaultProfileName("default")
                        .retryStrategy(RetryMode.STANDARD))
                .build();
    }

    /** HTTP status of an S3 error answer, or 0 when the request got no answer. */
    static int status(SdkException e) {
        return e instanceof S3Exception s3 ? s3.statusCode() : 0;
    }

    /**
     * An I/O error for a failed request, naming what was done and the store; the SDK's message (which never
     * holds the secret) is kept.
     */
    static IOException failure(String what, S3StoreSettings settings, SdkException e) {
        String where = "the S3 store " + settings.endpoint() + " bucket " + settings.bucket();
        if (e instanceof SdkClientException) {
            return new IOException("cannot " + what + ": " + where + " did not answer: " + e.getMessage(), e);
        }
        int status = status(e);
        String code = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? s3.awsErrorDetails().errorCode() : null;
        return new IOException("cannot " + what + ": " + where + " answered " + status + (code == null ? ""
                : " " + code) + ": " + e.getMessage(), e);
    }
}
