package org.airgap.store.s3;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where an S3 content store is (docs/scale-out.md, "[Store]"): the server's {@code server.ini [Store]}
 * section. Everything is explicit: nothing is taken from the environment, a profile file or an instance's
 * metadata service.
 *
 * @param endpoint        the S3 API's URL, {@code https://host[:port]} (or {@code http://} on loopback and in
 *                        tests), without a path, user or query
 * @param bucket          the bucket, which must exist (the store does not create it)
 * @param region          the region the requests are signed for ({@code us-east-1} for most S3-compatible
 *                        servers)
 * @param credentialsFile a file with the lines {@code accessKeyId = …} and {@code secretAccessKey = …}
 * @param pathStyle       {@code true} for {@code endpoint/bucket/key} (MinIO, Ceph and most S3-compatible
 *                        servers), {@code false} for {@code bucket.endpoint/key} (AWS)
 */
public record S3StoreSettings(URI endpoint, String bucket, String region, Path credentialsFile, boolean pathStyle) {

    public S3StoreSettings {
        String problem = endpointProblem(endpoint == null ? null : endpoint.toString());
        if (problem != null) {
            throw new IllegalArgumentException("s3.endpoint " + problem);
        }
        problem = bucketProblem(bucket);
        if (problem != null) {
            throw new IllegalArgumentException("bucket " + problem);
        }
        problem = regionProblem(region);
        if (problem != null) {
            throw new IllegalArgumentException("region " + problem);
        }
        if (credentialsFile == null) {
            throw new IllegalArgumentException("a credentials file is needed");
        }
    }

    /** Why {@code text} is not an endpoint the store takes, or {@code null}. */
    public static String endpointProblem(String text) {
        URI uri;
        try {
            uri = new URI(text == null ? "" : text);
        } catch (URISyntaxException e) {
            return "is not a URL such as https://s3.example:9000";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return "is not a URL such as https://s3.example:9000";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            return "must be only scheme, host and port (the bucket goes in bucket, the keys in credentialsFile)";
        }
        return null;
    }

    /** S3's bucket naming rules, the part every S3-compatible server shares; {@code null} when {@code bucket} fits. */
    public static String bucketProblem(String bucket) {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            return "is not an S3 bucket name (3 to 63 characters: lower-case letters, digits, dots and hyphens)";
        }
        return null;
    }

    /** {@code null} when {@code region} looks like a region name such as {@code us-east-1}. */
    public static String regionProblem(String region) {
        if (region == null || !region.matches("[a-z0-9-]{1,64}")) {
            return "is not a region name such as us-east-1";
        }
        return null;
    }

    /** The access key id and secret, read from {@link #credentialsFile} when the store opens; never logged. */
    public record Credentials(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Credentials[not shown]";
        }
    }

    /**
     * Reads {@link #credentialsFile}: {@code key = value} lines {@code accessKeyId} and {@code secretAccessKey}
     * ({@code #} starts a comment). Messages name the file and the key, never a value.
     */
    public Credentials readCredentials() throws IOException {
        String text;
        try {
            text = Files.readString(credentialsFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("the S3 credentials file " + credentialsFile + " does not exist", e);
        }
        Map<String, String> values = new HashMap<>();
        for (String line : text.lines().map(String::strip).toList()) {
            int equals = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (equals < 0) {
                throw new IOException("the S3 credentials file " + credentialsFile + " has a line that is not"
                        + " key = value; it needs accessKeyId = … and secretAccessKey = …");
            }
            values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        for (String key : new String[] { "accessKeyId", "secretAccessKey" }) {
            if (values.getOrDefault(key, "").isEmpty()) {
                throw new IOException("the S3 credentials file " + credentialsFile + " has no " + key
                        + " = … line; it needs accessKeyId and secretAccessKey");
            }
        }
        return new Credentials(values.get("accessKeyId"), values.get("secretAccessKey"));
    }
}
