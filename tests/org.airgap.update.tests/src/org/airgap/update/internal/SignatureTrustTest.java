package org.airgap.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.core.UIServices.TrustInfo;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.repository.artifact.spi.IArtifactUIServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust decision p2's CheckTrust phase gets from the installation's keys. */
class SignatureTrustTest {

    @TempDir
    Path installation;

    private final IArtifactKey driver = TestKeys.artifact("com.example.airgap.driver.http", "1.0.0");
    private final IArtifactKey client = TestKeys.artifact("org.airgap.client", "0.1.0.v2");

    private static PGPPublicKey key(Path file) throws IOException {
        return TrustedKeysFile.keys(TrustedKeysFile.read(file)).get(0);
    }

    @Test
    void contentSignedByATrustedKeyIsAccepted() throws IOException {
        PGPPublicKey airgap = key(TestKeys.airgapPublicKey());
        SignatureTrust trust = new SignatureTrust(List.of(airgap), null);
        TrustInfo answer = trust.getTrustInfo(Map.of(), Map.of(airgap, Set.of(client)), Set.of(), Map.of());
        assertEquals(List.of(airgap), List.copyOf(answer.getTrustedPGPKeys()));
        assertEquals(Optional.empty(), trust.refusal());
        assertFalse(answer.persistTrust(), "the answer is never saved in p2's own trust store");
        assertFalse(answer.trustAlways());
    }

    @Test
    void unsignedContentIsRefusedNamingTheArtifact() throws IOException {
        SignatureTrust trust = new SignatureTrust(List.of(key(TestKeys.airgapPublicKey())), null);
        TrustInfo answer = trust.getTrustInfo(Map.of(), Map.of(), Set.of(driver), Map.of());
        assertFalse(answer.trustUnsignedContent());
        String message = trust.refusal().orElseThrow();
        assertTrue(message.contains("nothing was changed"), message);
        assertTrue(message.contains("not signed: com.example.airgap.driver.http 1.0.0"), message);
    }

    @Test
    void contentSignedByAnUntrustedKeyIsRefusedNamingArtifactAndKey() throws IOException {
        PGPPublicKey vendor = key(TestKeys.vendorPublicKey());
        SignatureTrust trust = new SignatureTrust(List.of(key(TestKeys.airgapPublicKey())), null);
        TrustInfo answer = trust.getTrustInfo(Map.of(), Map.of(vendor, Set.of(driver)), Set.of(), Map.of());
        assertTrue(answer.getTrustedPGPKeys().isEmpty());
        String message = trust.refusal().orElseThrow();
        assertTrue(message.contains("signed by the untrusted key " + TestKeys.VENDOR
                + " Example Automation vendor TEST key <example-vendor-test@invalid>: com.example.airgap.driver.http 1.0.0"),
                message);
        assertTrue(message.contains("airgap trust add KEYFILE"), message);
    }

    @Test
    void anArtifactAlsoSignedByATrustedKeyIsAccepted() throws IOException {
        PGPPublicKey airgap = key(TestKeys.airgapPublicKey());
        PGPPublicKey vendor = key(TestKeys.vendorPublicKey());
        Map<PGPPublicKey, Set<IArtifactKey>> signers = new LinkedHashMap<>();
        signers.put(vendor, Set.of(client));
        signers.put(airgap, Set.of(client));
        SignatureTrust trust = new SignatureTrust(List.of(airgap), null);
        trust.getTrustInfo(Map.of(), signers, Set.of(), Map.of());
        assertEquals(Optional.empty(), trust.refusal());
    }

    @Test
    void aJarSignatureByAnUnknownCertificateIsRefused() throws IOException {
        SignatureTrust trust = new SignatureTrust(List.of(key(TestKeys.airgapPublicKey())), null);
        TrustInfo answer = trust.getTrustInfo(Map.of(List.of(), Set.of(driver)), Map.of(), Set.of(), Map.of());
        assertEquals(0, answer.getTrustedCertificates().length);
        assertTrue(trust.refusal().orElseThrow().contains("untrusted certificate"), trust.refusal().orElseThrow());
    }

    /** The installation's keys reach p2 for the job only; the agent's UIServices before it is put back. */
    @Test
    void signedContentOnlyAnswersP2DuringTheJobWithTheInstallationsKeys() throws IOException {
        Path store = installation.resolve(TrustedKeysFile.LOCATION);
        Files.createDirectories(store.getParent());
        Files.copy(TestKeys.airgapPublicKey(), store);
        PGPPublicKey vendor = key(TestKeys.vendorPublicKey());
        PGPPublicKey airgap = key(TestKeys.airgapPublicKey());
        Agent agent = new Agent();
        UIServices before = new SignatureTrust(List.of(), null);
        agent.registerService(UIServices.SERVICE_NAME, before);

        SignedContentOnly accepted = new SignedContentOnly(installation);
        IStatus status = accepted.run(agent, () -> ask(agent, Map.of(airgap, Set.of(client))));
        assertTrue(status.isOK());
        assertEquals(Optional.empty(), accepted.refusal());
        assertSame(before, agent.getService(UIServices.SERVICE_NAME));

        SignedContentOnly refused = new SignedContentOnly(installation);
        refused.run(agent, () -> ask(agent, Map.of(vendor, Set.of(driver))));
        assertTrue(refused.refusal().orElseThrow().contains(TestKeys.VENDOR), refused.refusal().orElseThrow());
        assertSame(before, agent.getService(UIServices.SERVICE_NAME));
    }

    @Test
    void withoutItsKeysFileAnInstallationTrustsNothing() throws IOException {
        Agent agent = new Agent();
        SignedContentOnly check = new SignedContentOnly(installation);
        PGPPublicKey airgap = key(TestKeys.airgapPublicKey());
        check.run(agent, () -> ask(agent, Map.of(airgap, Set.of(client))));
        assertTrue(check.refusal().isPresent());
        assertEquals(null, agent.getService(UIServices.SERVICE_NAME));
    }

    /** With p2's unsigned policy "allow", p2 would ask nothing: the job does not run at all. */
    @Test
    void anInstallationThatTurnsP2sCheckOffIsRefusedBeforeTheJob() {
        Agent agent = new Agent();
        agent.properties.put("eclipse.p2.unsignedPolicy", "allow");
        SignedContentOnly check = new SignedContentOnly(installation);
        boolean[] ran = { false };
        IStatus status = check.run(agent, () -> {
            ran[0] = true;
            return Status.OK_STATUS;
        });
        assertFalse(ran[0]);
        assertEquals(IStatus.CANCEL, status.getSeverity());
        assertTrue(check.refusal().orElseThrow().contains("eclipse.p2.unsignedPolicy=allow"), check.refusal().orElseThrow());
    }

    /** What p2's CertificateChecker does: asks the agent's UIServices; OK only when every signer is trusted. */
    private static IStatus ask(IProvisioningAgent agent, Map<PGPPublicKey, Set<IArtifactKey>> signers) {
        IArtifactUIServices services = (IArtifactUIServices) agent.getService(UIServices.SERVICE_NAME);
        TrustInfo answer = services.getTrustInfo(Map.of(), signers, Set.of(), Map.of());
        return answer.getTrustedPGPKeys().containsAll(signers.keySet()) ? Status.OK_STATUS : Status.CANCEL_STATUS;
    }

    /** An agent's service registry, as p2's ProvisioningAgent keeps it. */
    private static final class Agent implements IProvisioningAgent {
        private final Map<String, Object> services = new HashMap<>();
        private final Map<String, String> properties = new HashMap<>();

        @Override
        public String getProperty(String key) {
            return properties.get(key);
        }

        @Override
        public Object getService(String name) {
            return services.get(name);
        }

        @Override
        public void registerService(String name, Object service) {
            services.put(name, service);
        }

        @Override
        public void unregisterService(String name, Object service) {
            services.remove(name, service);
        }

        @Override
        public void stop() {
        }
    }
}
