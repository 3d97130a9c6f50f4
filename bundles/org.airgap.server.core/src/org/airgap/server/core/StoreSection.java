package org.airgap.server.core;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.airgap.server.core.ServerIni.Setting;
import org.airgap.store.s3.S3StoreSettings;

/**
 * The {@code [Store]} section of server.ini (docs/scale-out.md): the content store in an S3-compatible bucket, or
 * nothing for the store in the data directory. Read by {@link ServerIni#store(Path)} and checked by
 * {@link ServerIni#load}.
 */
final class StoreSection {

    /** The section's keys, in the spelling the file is written with. */
    static final List<String> KEYS = List.of("s3.endpoint", "bucket", "region", "credentialsFile", "pathStyle");

    /** The section as {@code airgap-server init} writes it. */
    static final String DEFAULTS = """
            [Store]
            # The backups' files are in the content store of this directory (store/) unless an S3-compatible
            # object store is named here (docs/scale-out.md): all five keys, or none. The bucket must exist.
            # credentialsFile has the lines accessKeyId = ... and secretAccessKey = ...; keep it readable
            # by the server's account only. pathStyle = true for endpoint/bucket/key (MinIO, Ceph), false
            # for bucket.endpoint/key (AWS).
            # s3.endpoint = https://s3.example:9000
            # bucket = airgap
            # region = us-east-1
            # credentialsFile = /etc/airgap/s3.credentials
            # pathStyle = true
            """;

    private StoreSection() {
    }

    /** All five keys or none; each checked as {@link S3StoreSettings} checks it; never a credential echoed. */
    static Optional<S3StoreSettings> read(Path directory, Map<String, Setting> values) throws ServerIniException {
        List<Setting> given = KEYS.stream().map(key -> values.get("Store." + key)).toList();
        if (given.stream().allMatch(Objects::isNull)) {
            return Optional.empty();
        }
        if (given.stream().anyMatch(Objects::isNull)) {
            Setting first = given.stream().filter(Objects::nonNull).findFirst().orElseThrow();
            throw new ServerIniException(first.where() + ": [Store] needs " + String.join(", ", KEYS)
                    + ": name all five, or none for the store in the data directory");
        }
        Setting endpoint = given.get(0);
        String problem = S3StoreSettings.endpointProblem(endpoint.value());
        if (problem != null) { // not echoed: a refused URL may hold a user or key
            throw new ServerIniException(endpoint.where() + ": s3.endpoint " + problem);
        }
        Setting bucket = given.get(1);
        Setting region = given.get(2);
        if (S3StoreSettings.bucketProblem(bucket.value()) != null) {
            throw bucket.refused(S3StoreSettings.bucketProblem(bucket.value()));
        }
        if (S3StoreSettings.regionProblem(region.value()) != null) {
            throw region.refused(S3StoreSettings.regionProblem(region.value()));
        }
        return Optional.of(new S3StoreSettings(URI.create(endpoint.value()), bucket.value(), region.value(),
                ServerIni.path(directory, given.get(3)), ServerIni.bool(values, "Store.pathStyle", false)));
    }
}
