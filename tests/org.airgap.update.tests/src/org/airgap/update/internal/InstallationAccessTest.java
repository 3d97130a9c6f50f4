package org.airgap.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

import org.airgap.update.internal.InstallationAccess.Places;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule of who may change an installation. Tests run as root in CI, where every file is writable, so
 * the account's write access is given as a predicate.
 */
class InstallationAccessTest {

    @TempDir
    Path temp;

    private Path installation;
    private Places ownArea;

    @BeforeEach
    void installation() throws IOException {
        installation = temp.resolve("airgap");
        Files.createDirectories(installation.resolve("plugins"));
        Files.createDirectories(installation.resolve("features"));
        Files.createDirectories(installation.resolve("configuration/org.eclipse.equinox.simpleconfigurator"));
        Files.writeString(installation.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"), "");
        Files.createDirectories(installation.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/Airgap.profile"));
        Files.writeString(installation.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/Airgap.profile/1.profile.gz"), "");
        Files.writeString(installation.resolve("artifacts.xml"), "");
        ownArea = new Places(installation, installation.resolve("configuration"), installation.resolve("p2"), installation);
    }

    @Test
    void anAccountThatCanWriteEveryPlaceP2WritesMayChangeTheInstallation() {
        assertEquals(Optional.empty(), InstallationAccess.refusal(ownArea, "admin", false, "update", path -> true));
    }

    @Test
    void anAccountThatCannotWriteThePluginsFolderIsRefusedWithTheFolderTheAccountAndTheCommand() {
        Optional<String> refusal = InstallationAccess.refusal(ownArea, "tech1", false, "update",
                allBut(installation.resolve("plugins")));
        assertEquals(Optional.of("The account tech1 may not change the Airgap installation " + installation
                + ": it cannot write " + installation.resolve("plugins") + ". An administrator must run it, for "
                + "example: sudo " + installation.resolve("bin/airgap") + " update. Nothing was changed."), refusal);
    }

    @Test
    void aProfileFileDeepInTheDataAreaCountsAndPerUserInstallsDoNotOverrideIt() {
        Path profile = installation.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/Airgap.profile/1.profile.gz");
        Optional<String> refusal = InstallationAccess.refusal(ownArea, "tech1", true, "install x --repository r",
                allBut(profile));
        assertTrue(refusal.orElseThrow().contains("it cannot write " + profile + "."), refusal.get());
        assertTrue(refusal.get().endsWith("bin/airgap install x --repository r. Nothing was changed."), refusal.get());
    }

    @Test
    void theConfigurationAreaAndArtifactsXmlCount() {
        Path bundlesInfo = installation.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info");
        assertTrue(InstallationAccess.refusal(ownArea, "tech1", false, "update", allBut(bundlesInfo)).isPresent());
        assertTrue(InstallationAccess.refusal(ownArea, "tech1", false, "update",
                allBut(installation.resolve("artifacts.xml"))).isPresent());
        assertTrue(InstallationAccess.refusal(ownArea, "tech1", false, "update", allBut(installation)).isPresent());
    }

    @Test
    void p2InTheAccountsHomeIsASharedInstallAndIsRefusedUnlessPerUserInstallsAreAllowed() {
        Path home = temp.resolve("home/tech1/.eclipse/org.airgap.client.product_0.1.0_123");
        Places shared = new Places(installation, home.resolve("configuration"), home.resolve("p2"), home);
        Optional<String> refusal = InstallationAccess.refusal(shared, "tech1", false, "update", path -> true);
        assertEquals(Optional.of("The account tech1 may not change the Airgap installation " + installation
                + ": p2 would install into this account's own area " + home.resolve("p2")
                + " instead, and the installation does not allow per-user installs (perUserInstalls in "
                + installation.resolve("etc/updates.properties") + "). An administrator must run it, for example: "
                + "sudo " + installation.resolve("bin/airgap") + " update. Nothing was changed."), refusal);
        assertEquals(Optional.empty(), InstallationAccess.refusal(shared, "tech1", true, "update", path -> false));
    }

    @Test
    void aBundlePoolOutsideTheInstallationAloneIsAlsoASharedInstall() {
        Places pool = new Places(installation, installation.resolve("configuration"), installation.resolve("p2"),
                temp.resolve("home/tech1/.eclipse/pool"));
        assertTrue(InstallationAccess.refusal(pool, "tech1", false, "update", path -> true).orElseThrow()
                .contains("own area " + temp.resolve("home/tech1/.eclipse/pool") + " instead"));
    }

    @Test
    void perUserInstallsAreOffUnlessTheInstallationsSettingsSayTrue() throws IOException {
        assertFalse(InstallationAccess.perUserInstallsAllowed(installation));
        Path settings = installation.resolve("etc/updates.properties");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "# labs\nperUserInstalls = false\n");
        assertFalse(InstallationAccess.perUserInstallsAllowed(installation));
        Files.writeString(settings, "perUserInstalls = yes\n");
        assertFalse(InstallationAccess.perUserInstallsAllowed(installation));
        Files.writeString(settings, "perUserInstalls = true \n");
        assertTrue(InstallationAccess.perUserInstallsAllowed(installation));
    }

    private static Predicate<Path> allBut(Path unwritable) {
        return path -> !path.equals(unwritable);
    }
}
