package org.airgap.update.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.Version;

/** The committed test keys (releng/signing, and the product's shipped trusted key), found from the test's folder. */
final class TestKeys {

    /** Fingerprint of the build's test key (features/org.airgap.client.feature/rootfiles/etc/trusted-keys.asc). */
    static final String AIRGAP = "5F301FBE8E571F18389C714B8DB84D322488F354";
    /** Fingerprint of the example vendor's test key (releng/signing/example-vendor-TEST-public-key.asc). */
    static final String VENDOR = "ABDE3D6112AD04399657A690FA821A06D365D162";

    private TestKeys() {
    }

    static Path root() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.isDirectory(folder.resolve("releng/signing"))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException("no releng/signing above " + Path.of("").toAbsolutePath());
        }
        return folder;
    }

    static Path airgapPublicKey() {
        return root().resolve("features/org.airgap.client.feature/rootfiles/etc/trusted-keys.asc");
    }

    static Path vendorPublicKey() {
        return root().resolve("releng/signing/example-vendor-TEST-public-key.asc");
    }

    static Path vendorSecretKey() {
        return root().resolve("releng/signing/example-vendor-TEST-secret-key.asc");
    }

    static String text(Path file) throws IOException {
        return Files.readString(file);
    }

    static IArtifactKey artifact(String id, String version) {
        return new IArtifactKey() {
            @Override
            public String getClassifier() {
                return "osgi.bundle";
            }

            @Override
            public String getId() {
                return id;
            }

            @Override
            public Version getVersion() {
                return Version.create(version);
            }

            @Override
            public String toExternalForm() {
                return "osgi.bundle," + id + "," + version;
            }
        };
    }
}
