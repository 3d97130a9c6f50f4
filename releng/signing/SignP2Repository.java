import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Adds p2 PGP signatures to every artifact of a built p2 repository, as tycho-gpg-plugin's sign-p2-artifacts
 * does (that plugin is not in the offline build's Maven repository): the armored signature of the artifact's
 * bytes in the descriptor's {@code pgp.signatures} property, the signer's public key in {@code pgp.publicKeys}
 * (of the descriptor and of the repository). Signatures already there are kept (a second signature is added).
 * p2 verifies them when it downloads an artifact; Airgap's installations then check the key against their
 * trusted keys (docs/installing.md, "Signed updates").
 *
 * <p>Run by the build with Bouncy Castle on the class path:
 * {@code java -cp BC SignP2Repository.java REPOSITORY SECRET_KEY_FILE}, the passphrase in the environment
 * variable AIRGAP_SIGNING_PASSPHRASE.
 */
public class SignP2Repository {

    private static final String SIGNATURES = "pgp.signatures";
    private static final String KEYS = "pgp.publicKeys";

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SignP2Repository REPOSITORY SECRET_KEY_FILE");
        }
        Path repository = Path.of(args[0]);
        String passphrase = System.getenv().getOrDefault("AIRGAP_SIGNING_PASSPHRASE", "");
        PGPSecretKey secretKey = signingKey(Files.readAllBytes(Path.of(args[1])));
        PGPPrivateKey privateKey = secretKey.extractPrivateKey(
                new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase.toCharArray()));
        String publicKey = armor(out -> secretKey.getPublicKey().encode(out));

        Path jar = repository.resolve("artifacts.jar");
        Path xml = repository.resolve("artifacts.xml");
        byte[] original = Files.exists(jar) ? unzip(jar) : Files.readAllBytes(xml);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(original));
        int signed = 0;
        NodeList artifacts = document.getElementsByTagName("artifact");
        for (int i = 0; i < artifacts.getLength(); i++) {
            Element artifact = (Element) artifacts.item(i);
            Path file = file(repository, artifact);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Element properties = child(document, artifact, "properties");
            String signature = signature(Files.readAllBytes(file), secretKey, privateKey);
            String existing = property(properties, SIGNATURES);
            setProperty(document, properties, SIGNATURES, existing == null ? signature : merge(existing, signature));
            String keys = property(properties, KEYS);
            setProperty(document, properties, KEYS, keys == null ? publicKey : keys + "\n" + publicKey);
            signed++;
        }
        Element repositoryProperties = child(document, document.getDocumentElement(), "properties");
        String repositoryKeys = property(repositoryProperties, KEYS);
        if (repositoryKeys == null || !repositoryKeys.contains(publicKey.strip())) {
            setProperty(document, repositoryProperties, KEYS,
                    repositoryKeys == null ? publicKey : repositoryKeys + "\n" + publicKey);
        }

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(document), new StreamResult(written));
        if (Files.exists(jar)) {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                zip.putNextEntry(new ZipEntry("artifacts.xml"));
                zip.write(written.toByteArray());
                zip.closeEntry();
            }
        }
        if (!Files.exists(jar) || Files.exists(xml)) {
            Files.write(xml, written.toByteArray());
        }
        // The .xz copy would still hold the unsigned metadata, and the JDK cannot write xz: drop it, and
        // let the index name only the forms that are there.
        if (Files.deleteIfExists(repository.resolve("artifacts.xml.xz"))) {
            Path index = repository.resolve("p2.index");
            if (Files.exists(index)) {
                Files.writeString(index, Files.readString(index).replace("artifacts.xml.xz,", ""));
            }
        }
        System.out.println("Signed " + signed + " artifacts of " + repository + " with the PGP key "
                + HexFormat.of().formatHex(secretKey.getPublicKey().getFingerprint()).toUpperCase());
    }

    /** The first secret key of the file that can sign. */
    private static PGPSecretKey signingKey(byte[] armored) throws Exception {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            for (Object object : new BcPGPObjectFactory(in)) {
                if (object instanceof PGPSecretKeyRing ring) {
                    for (PGPSecretKey key : ring) {
                        if (key.isSigningKey() && !key.isPrivateKeyEmpty()) {
                            return key;
                        }
                    }
                }
            }
        }
        throw new IllegalArgumentException("the key file holds no secret signing key");
    }

    private static String signature(byte[] content, PGPSecretKey secretKey, PGPPrivateKey privateKey)
            throws Exception {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(secretKey.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256));
        PGPSignatureSubpacketGenerator subpackets = new PGPSignatureSubpacketGenerator();
        subpackets.setIssuerFingerprint(false, secretKey.getPublicKey());
        generator.setHashedSubpackets(subpackets.generate());
        generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
        generator.update(content);
        PGPSignature signature = generator.generate();
        return armor(signature::encode);
    }

    /** The signatures already there and the new one, as one armored block (how p2 reads them). */
    private static String merge(String existing, String added) throws Exception {
        List<PGPSignature> all = new ArrayList<>();
        for (String armored : List.of(existing, added)) {
            try (InputStream in = PGPUtil.getDecoderStream(
                    new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
                for (Object object : new BcPGPObjectFactory(in)) {
                    if (object instanceof PGPSignatureList list) {
                        list.forEach(all::add);
                    }
                }
            }
        }
        return armor(out -> {
            for (PGPSignature signature : all) {
                signature.encode(out);
            }
        });
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static String armor(Encoder encoder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = new ArmoredOutputStream(bytes)) {
            encoder.encode(out);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** Where the repository's mapping rules (plugins/, features/, binary/) put the artifact. */
    private static Path file(Path repository, Element artifact) {
        String name = artifact.getAttribute("id") + "_" + artifact.getAttribute("version");
        return switch (artifact.getAttribute("classifier")) {
            case "osgi.bundle" -> repository.resolve("plugins").resolve(name + ".jar");
            case "org.eclipse.update.feature" -> repository.resolve("features").resolve(name + ".jar");
            case "binary" -> repository.resolve("binary").resolve(name);
            default -> repository.resolve("unknown-classifier");
        };
    }

    private static byte[] unzip(Path jar) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("artifacts.xml")) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new IOException(jar + " has no artifacts.xml");
    }

    private static Element child(Document document, Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        Element created = document.createElement(name);
        created.setAttribute("size", "0");
        parent.insertBefore(created, parent.getFirstChild());
        return created;
    }

    private static String property(Element properties, String name) {
        NodeList children = properties.getElementsByTagName("property");
        for (int i = 0; i < children.getLength(); i++) {
            Element property = (Element) children.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }

    private static void setProperty(Document document, Element properties, String name, String value) {
        NodeList children = properties.getElementsByTagName("property");
        for (int i = 0; i < children.getLength(); i++) {
            Element property = (Element) children.item(i);
            if (property.getAttribute("name").equals(name)) {
                property.setAttribute("value", value);
                return;
            }
        }
        Element property = document.createElement("property");
        property.setAttribute("name", name);
        property.setAttribute("value", value);
        properties.appendChild(property);
        properties.setAttribute("size", Integer.toString(children.getLength()));
    }
}
