package org.airgap.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TLS handshake with one protocol version from a JVM of its own, started with the JDK's TLS 1.0 and
 * 1.1 ban lifted ({@code jdk.tls.disabledAlgorithms}), so that it can offer what the tests' JVM refuses
 * to. It trusts any certificate: it only asks which protocol the server agrees to.
 */
final class Tls11Probe {

    private static final String SOURCE = """
            import javax.net.ssl.*;
            import java.security.cert.X509Certificate;

            public class Probe {
                public static void main(String[] args) throws Exception {
                    TrustManager any = new X509TrustManager() {
                        public void checkClientTrusted(X509Certificate[] chain, String type) { }
                        public void checkServerTrusted(X509Certificate[] chain, String type) { }
                        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
                    };
                    SSLContext context = SSLContext.getInstance("TLS");
                    context.init(null, new TrustManager[] { any }, null);
                    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                            Integer.parseInt(args[0]))) {
                        socket.setEnabledProtocols(new String[] { args[1] });
                        socket.setSoTimeout(10000);
                        socket.startHandshake();
                        System.out.println("OK " + socket.getSession().getProtocol());
                    } catch (java.io.IOException e) {
                        System.out.println("REFUSED " + e);
                    }
                }
            }
            """;

    /** The JDK's list without TLSv1 and TLSv1.1 (and without the cipher bans that TLS 1.0/1.1 need lifted). */
    private static final String SECURITY = """
            jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, anon, NULL
            """;

    private final Path source;
    private final Path security;

    Tls11Probe(Path folder) throws IOException {
        Path probe = Files.createDirectories(folder.resolve("tls-probe"));
        source = Files.writeString(probe.resolve("Probe.java"), SOURCE, StandardCharsets.UTF_8);
        security = Files.writeString(probe.resolve("relaxed.security"), SECURITY, StandardCharsets.UTF_8);
    }

    /** "OK protocol" when the server at {@code port} agrees to {@code protocol}, else "REFUSED exception". */
    String handshake(int port, String protocol) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Djava.security.properties=" + security,
                source.toString(), Integer.toString(port), protocol)).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "TIMEOUT";
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
