package org.airgap.update.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.airgap.update.TrustedKeys;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@link TrustedKeys} in the running installation's {@value TrustedKeysFile#LOCATION}. */
@Component(service = TrustedKeys.class)
public class InstallationTrustedKeys implements TrustedKeys {

    private final Path installation;

    @Activate
    public InstallationTrustedKeys(BundleContext context) {
        this(installationFolder(context.getProperty("osgi.install.area")));
    }

    /** The framework's install area (a file: URL, not encoded) as a real path. */
    static Path installationFolder(String installArea) {
        return installArea != null && installArea.startsWith("file:")
                ? InstallationAccess.real(Path.of(installArea.substring("file:".length())))
                : Path.of("").toAbsolutePath();
    }

    InstallationTrustedKeys(Path installation) {
        this.installation = installation;
    }

    @Override
    public Path location() {
        return installation.resolve(TrustedKeysFile.LOCATION);
    }

    @Override
    public List<String> list() throws IOException {
        List<String> keys = new ArrayList<>();
        for (PGPPublicKeyRing ring : TrustedKeysFile.read(location())) {
            keys.add(TrustedKeysFile.describe(ring));
        }
        return keys;
    }

    @Override
    public UpdateResult add(Path keyFile) {
        Path store = location();
        Path writable = Files.exists(store) ? store : store.getParent();
        if (!Files.isWritable(writable)) {
            return new UpdateResult(Outcome.NOT_PERMITTED, "The account " + System.getProperty("user.name")
                    + " may not change the trusted keys of the Airgap installation " + installation + ": it cannot write "
                    + writable + ". An administrator must run it, for example: sudo " + installation.resolve("bin/airgap")
                    + " trust add " + keyFile.toAbsolutePath() + ". Nothing was changed.", List.of());
        }
        List<PGPPublicKeyRing> added;
        try {
            added = TrustedKeysFile.add(store, keyFile);
        } catch (IOException e) {
            return new UpdateResult(Outcome.FAILED, "The key file " + keyFile + " cannot be trusted: " + e.getMessage()
                    + ". Nothing was changed.", List.of());
        }
        List<String> changes = added.stream().map(TrustedKeysFile::describe).toList();
        return added.isEmpty()
                ? new UpdateResult(Outcome.UP_TO_DATE, "The installation trusts these keys already.", List.of())
                : new UpdateResult(Outcome.UPDATED, "Trusted: updates and drivers signed by "
                        + (added.size() == 1 ? "this key" : "these keys") + " can now be installed.", changes);
    }
}
