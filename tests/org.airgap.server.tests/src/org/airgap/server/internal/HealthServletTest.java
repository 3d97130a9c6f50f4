package org.airgap.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

import org.eclipse.equinox.http.jetty.JettyConfigurator;
import org.eclipse.equinox.http.jetty.JettyConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.Gson;

/** The health endpoint as the server serves it: a DS servlet on Jetty through the Equinox whiteboard. */
class HealthServletTest {

    private static final String SERVER = "airgap-test";
    private int port;

    @BeforeEach
    void startJetty() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put(JettyConstants.HTTP_PORT, Integer.valueOf(port));
        settings.put(JettyConstants.HTTP_HOST, "127.0.0.1");
        JettyConfigurator.startServer(SERVER, settings);
    }

    @AfterEach
    void stopJetty() throws Exception {
        JettyConfigurator.stopServer(SERVER);
    }

    @Test
    void healthAnswersNameVersionAndStatusAsJson() throws Exception {
        HttpResponse<String> response = getWhenServed("/api/health");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        @SuppressWarnings("unchecked")
        Map<String, String> health = new Gson().fromJson(response.body(), Map.class);
        assertEquals("Airgap Server", health.get("name"));
        assertEquals(FrameworkUtil.getBundle(HealthServlet.class).getVersion().toString(), health.get("version"));
        assertEquals("UP", health.get("status"));
    }

    @Test
    void unknownPathsAre404() throws Exception {
        getWhenServed("/api/health");
        assertEquals(404, get("/api/nothing-here").statusCode());
    }

    /** SCR registers the servlet asynchronously: wait (bounded) until the whiteboard serves it. */
    private HttpResponse<String> getWhenServed(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> response = null;
        while (System.nanoTime() < deadline) {
            try {
                response = get(path);
                if (response.statusCode() != 404) {
                    return response;
                }
            } catch (IOException notYetListening) {
                // Jetty still starting
            }
            Thread.sleep(100);
        }
        return response == null ? get(path) : response;
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
