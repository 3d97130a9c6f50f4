package com.example.airgap.driver.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverParameters;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.Parameter;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.Parameters;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.DeviceIdentity;
import org.airgap.store.Paths;
import org.airgap.store.SnapshotWriter;
import org.osgi.service.component.annotations.Component;

/**
 * The example of docs/writing-a-driver.md: backs up files that a device serves over HTTP (many drives
 * and panels offer their configuration this way), for example {@code http://10.0.0.9/config/drive.xml}.
 */
@Component(service = DeviceDriver.class, property = { DeviceDriver.ID + "=example-http",
        DeviceDriver.NAME + "=HTTP files (example)", DeviceDriver.VENDOR + "=Example Automation Ltd." })
public class HttpFilesDriver implements DeviceDriver {

    // Each parameter is declared once: its form (label, description, default) and its type and checks.
    private static final Parameter<URI> BASE_URL = Parameter.text("baseUrl").label("Base URL")
            .description("The device's address, for example http://10.0.0.9/").required()
            .map(HttpFilesDriver::baseUrl).build();
    private static final Parameter<List<String>> FILES = Parameter.list("files").label("Files")
            .description("Paths below the base URL, separated by commas, for example config/drive.xml").required()
            .map(HttpFilesDriver::relativePaths).build();
    private static final Parameter<String> USER = Parameter.text("user").label("User")
            .description("For HTTP basic authentication, if the device asks").build();
    private static final Parameter<String> PASSWORD = Parameter.text("password").label("Password")
            .description("For HTTP basic authentication").secret().build();
    private static final Parameter<Duration> TIMEOUT = Parameter.duration("timeout").label("Timeout")
            .description("How long to wait for the device").defaultValue(Duration.ofSeconds(5)).build();

    private static final DriverParameters PARAMETERS = DriverParameters.of(BASE_URL, FILES, USER, PASSWORD, TIMEOUT);

    /** The base URL, ending in '/' so that file paths resolve below it. */
    private static URI baseUrl(String text) {
        if (!text.matches("https?://.+")) {
            throw new IllegalArgumentException("must start with http:// or https://, not '" + text + "'");
        }
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private static List<String> relativePaths(List<String> files) {
        for (String file : files) {
            if (!Paths.isValid(file)) {
                throw new IllegalArgumentException("'" + file + "' is not a relative path (no leading '/', no '..')");
            }
        }
        return files;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return PARAMETERS.descriptors();
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> values) {
        return PARAMETERS.validate(values); // checks that span parameters would be added here
    }

    @Override
    public DriverResult testConnection(Map<String, String> values, DriverProgress progress) {
        Parameters parameters = PARAMETERS.values(values);
        String first = parameters.get(FILES).get(0);
        try {
            get(parameters, first, "HEAD").body().close();
            return DriverResult.success(DeviceIdentity.UNKNOWN);
        } catch (DeviceProblemException e) {
            return DriverResult.failure(e);
        } catch (IOException e) {
            return DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.PROTOCOL_ERROR, e.getMessage());
        }
    }

    @Override
    public DriverResult backup(Map<String, String> values, SnapshotWriter snapshot, DriverProgress progress) {
        Parameters parameters = PARAMETERS.values(values);
        List<String> files = parameters.get(FILES);
        progress.begin(files.size(), "files");
        progress.log("Backing up " + files.size() + " files from " + parameters.get(BASE_URL));
        for (String file : files) {
            if (progress.isCancelled()) {
                return DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.CANCELLED, "Cancelled before " + file);
            }
            try {
                HttpResponse<InputStream> response = get(parameters, file, "GET");
                try (InputStream body = response.body(); OutputStream out = snapshot.file(file, lastModified(response))) {
                    // Streams: a device file never has to fit in memory.
                    body.transferTo(out);
                }
            } catch (DeviceProblemException e) {
                return DriverResult.failure(e);
            } catch (IOException e) {
                return DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.PARTIAL,
                        file + " could not be read completely: " + e.getMessage());
            }
            progress.worked(1, file);
        }
        return DriverResult.success(DeviceIdentity.UNKNOWN);
    }

    private static HttpResponse<InputStream> get(Parameters parameters, String file, String method)
            throws IOException, DeviceProblemException {
        URI uri = parameters.get(BASE_URL).resolve(file);
        Duration timeout = parameters.get(TIMEOUT);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (parameters.get(USER) != null) {
            String password = parameters.get(PASSWORD);
            String credentials = parameters.get(USER) + ":" + (password == null ? "" : password);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new DeviceProblemException(ProblemKind.TIMEOUT, uri.getAuthority() + " did not accept a connection within "
                    + timeout.toSeconds() + " s: check the cable and the device's address");
        } catch (ConnectException e) {
            throw new DeviceProblemException(ProblemKind.UNREACHABLE, uri.getAuthority()
                    + " refused the connection: check the device's address and that its web server is on");
        } catch (HttpTimeoutException e) {
            throw new DeviceProblemException(ProblemKind.TIMEOUT, uri + " did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceProblemException(ProblemKind.CANCELLED, "Interrupted while reading " + uri);
        }
        int status = response.statusCode();
        if (status == 200) {
            return response;
        }
        response.body().close();
        throw switch (status) {
        case 401, 403 -> new DeviceProblemException(ProblemKind.AUTHENTICATION_FAILED, uri
                + " refused the credentials (HTTP " + status + "): check user and password");
        case 404 -> new DeviceProblemException(ProblemKind.NOT_FOUND, file + " does not exist on the device (HTTP 404 for "
                + uri + ")");
        default -> new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, uri + " answered HTTP " + status);
        };
    }

    /** The device's modification time when it sends one; unknown ({@code null}) otherwise. */
    private static Instant lastModified(HttpResponse<?> response) {
        return response.headers().firstValue("Last-Modified")
                .map(value -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .orElse(null);
    }
}
