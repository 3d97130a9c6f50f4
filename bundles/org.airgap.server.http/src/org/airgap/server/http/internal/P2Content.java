package org.airgap.server.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.airgap.protocol.PublishedUpdates;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The metadata of an unpacked p2 repository: it must have its content ({@code content.jar} or
 * {@code content.xml}) and artifacts metadata, and it offers the installable roots its content lists (units
 * with the p2 group property: features and products). The XML is read without DTDs or external entities.
 */
final class P2Content {

    private static final String GROUP = "org.eclipse.equinox.p2.type.group";
    private static final String NAME = "org.eclipse.equinox.p2.name";
    private static final String FEATURE_GROUP = ".feature.group";
    /** content.xml of the project's repository has a few MB; more is not a repository of client updates. */
    private static final long MAX_CONTENT_BYTES = 256L << 20;

    private P2Content() {
    }

    /**
     * @throws ServerException BAD_REQUEST when the metadata is missing or unreadable, or offers nothing
     */
    static List<PublishedUpdates.Feature> features(Path repository) throws ServerException, IOException {
        if (!exists(repository, "artifacts.jar", "artifacts.xml", "artifacts.xml.xz")) {
            throw notRepository("it has no artifacts.jar, artifacts.xml or artifacts.xml.xz at its top");
        }
        List<PublishedUpdates.Feature> features;
        if (Files.isRegularFile(repository.resolve("content.jar"))) {
            try (ZipFile jar = new ZipFile(repository.resolve("content.jar").toFile())) {
                ZipEntry entry = jar.getEntry("content.xml");
                if (entry == null) {
                    throw notRepository("its content.jar has no content.xml");
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    features = parse(in);
                }
            } catch (java.util.zip.ZipException e) {
                throw notRepository("its content.jar is not a zip (" + e.getMessage() + ")");
            }
        } else if (Files.isRegularFile(repository.resolve("content.xml"))) {
            try (InputStream in = Files.newInputStream(repository.resolve("content.xml"))) {
                features = parse(in);
            }
        } else {
            throw notRepository("it has no content.jar or content.xml at its top (Tycho writes both content.jar and"
                    + " content.xml.xz; a repository with only content.xml.xz is not taken)");
        }
        if (features.isEmpty()) {
            throw notRepository("its content lists no feature or product");
        }
        return features;
    }

    private static boolean exists(Path repository, String... names) {
        for (String name : names) {
            if (Files.isRegularFile(repository.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    private static ServerException notRepository(String why) {
        return new ServerException(Kind.BAD_REQUEST, "the zip is not a p2 repository: " + why
                + "; publish the repository zip the build makes (releng/org.airgap.repository/target/*.zip)"
                + " — nothing was published");
    }

    private static List<PublishedUpdates.Feature> parse(InputStream in) throws ServerException {
        Roots roots = new Roots();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            SAXParser parser = factory.newSAXParser();
            parser.parse(new LimitedInputStream(in, MAX_CONTENT_BYTES), roots);
        } catch (SAXException | IOException e) {
            throw notRepository("its content metadata is not readable XML (" + e.getMessage() + ")");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
        roots.found.sort(Comparator.comparing(PublishedUpdates.Feature::id));
        return roots.found;
    }

    /** Collects the units whose own properties say they are groups. */
    private static final class Roots extends DefaultHandler {
        final List<PublishedUpdates.Feature> found = new ArrayList<>();
        private int depth;
        private int unitDepth = -1;
        private String id;
        private String version;
        private String name;
        private boolean group;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            depth++;
            if (qName.equals("unit") && unitDepth < 0) {
                unitDepth = depth;
                id = attributes.getValue("id");
                version = attributes.getValue("version");
                name = null;
                group = false;
            } else if (qName.equals("property") && unitDepth > 0 && depth == unitDepth + 2) {
                String key = attributes.getValue("name");
                String value = attributes.getValue("value");
                if (GROUP.equals(key)) {
                    group = "true".equals(value);
                } else if (NAME.equals(key) && value != null && !value.startsWith("%")) {
                    name = value;
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (depth == unitDepth) {
                unitDepth = -1;
                if (group && id != null && version != null) {
                    String plain = id.endsWith(FEATURE_GROUP) ? id.substring(0, id.length() - FEATURE_GROUP.length())
                            : id;
                    found.add(new PublishedUpdates.Feature(plain, version, name == null ? plain : name));
                }
            }
            depth--;
        }
    }

    /** Ends the document with an I/O error beyond a number of bytes (an XML bomb's expansion is the parser's). */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                throw new IOException("the content metadata is larger than " + MAX_CONTENT_BYTES + " bytes");
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
