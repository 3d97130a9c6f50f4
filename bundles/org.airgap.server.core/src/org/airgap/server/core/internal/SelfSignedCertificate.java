package org.airgap.server.core.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An EC P-256 key pair and a self-signed X.509 certificate for it, naming the server's host names and
 * addresses (subject alternative names). Made with BouncyCastle's certificate builder and the JDK's own
 * crypto providers; nothing is registered globally.
 */
public final class SelfSignedCertificate {

    /** A DNS name (letters, digits, hyphens, dots; a leading wildcard label) — or an IP literal, see {@link #isAddress}. */
    private static final Pattern HOST_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** A day before now: a laptop whose clock is a little behind still sees the certificate as valid. */
    private static final Duration BACKDATING = Duration.ofDays(1);

    public final KeyPair keyPair;
    public final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /**
     * A new key pair and certificate valid from a day ago for {@code validity}, for {@code names}: the
     * first is the subject's common name, all are subject alternative names (IP literals as addresses).
     */
    public static SelfSignedCertificate create(List<String> names, Period validity, SecureRandom random)
            throws GeneralSecurityException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair keyPair = generator.generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, names.get(0))
                .addRDN(BCStyle.O, "Airgap server").build();
        Instant notBefore = Instant.now().minus(BACKDATING);
        Instant notAfter = notBefore.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
        // RFC 5280: a positive serial of at most 20 bytes; random, so that two certificates never share one.
        BigInteger serial = new BigInteger(159, random).setBit(0);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
                Date.from(notAfter), subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            certificate.verify(keyPair.getPublic());
            return new SelfSignedCertificate(keyPair, certificate);
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            general.add(new GeneralName(isAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    /**
     * The names a certificate of this machine should carry: its host name (and fully qualified name when
     * the resolver knows one), {@code localhost}, 127.0.0.1 and ::1, then {@code extra}; without repeats.
     */
    public static List<String> machineNames(List<String> extra) {
        Set<String> names = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            addIfName(names, local.getHostName());
            addIfName(names, local.getCanonicalHostName());
        } catch (UnknownHostException e) {
            // A machine without a resolvable name: the administrator adds its names with --host.
        }
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("::1");
        for (String name : extra) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(names);
    }

    private static void addIfName(Set<String> names, String name) {
        if (name != null && !isAddress(name) && HOST_NAME.matcher(name).matches()) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Whether {@code name} can go into a certificate: a DNS name or an IPv4/IPv6 literal. */
    public static boolean isValidName(String name) {
        return name != null && name.length() <= 253 && (isAddress(name) || HOST_NAME.matcher(name).matches());
    }

    private static boolean isAddress(String name) {
        return IPV4.matcher(name).matches() || IPV6.matcher(name).matches();
    }
}
