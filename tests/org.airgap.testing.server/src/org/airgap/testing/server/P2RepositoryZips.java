package org.airgap.testing.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small p2 repositories as zips, for tests of client updates published on the server: what the server
 * checks of a repository (its content and artifacts metadata, the group units it offers) and nothing more.
 */
public final class P2RepositoryZips {

    public static final String FEATURE = "org.airgap.client.feature";
    public static final String FEATURE_JAR = "features/org.airgap.client.feature_1.0.0.jar";

    private P2RepositoryZips() {
    }

    /** The files of a p2 repository offering {@link #FEATURE} in {@code version}. */
    public static Map<String, byte[]> repository(String version) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("content.jar", jar("content.xml", content(version)));
        files.put("artifacts.jar", jar("artifacts.xml", "<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<repository name='test' type='org.eclipse.equinox.p2.artifact.repository.simpleRepository'"
                + " version='1'><artifacts size='0'/></repository>\n"));
        files.put("p2.index", "version=1\n".getBytes(StandardCharsets.UTF_8));
        files.put(FEATURE_JAR, ("feature " + version).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    public static String content(String version) {
        return "<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<repository name='test'"
                + " type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository'"
                + " version='1'><units size='2'>"
                + "<unit id='" + FEATURE + ".feature.group' version='" + version + "'><properties size='2'>"
                + "<property name='org.eclipse.equinox.p2.name' value='Airgap Client'/>"
                + "<property name='org.eclipse.equinox.p2.type.group' value='true'/></properties></unit>"
                + "<unit id='org.airgap.model' version='" + version + "'><properties size='1'>"
                + "<property name='org.eclipse.equinox.p2.name' value='Model'/></properties></unit>"
                + "</units></repository>\n";
    }

    public static byte[] jar(String name, String text) throws IOException {
        return zip(Map.of(name, text.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

}
