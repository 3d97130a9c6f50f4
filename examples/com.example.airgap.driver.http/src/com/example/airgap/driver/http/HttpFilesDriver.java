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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ParameterType;
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

    private static final List<ParameterDescriptor> PARAMETERS = List.of(
            ParameterDescriptor.of("baseUrl", "Base URL", ParameterType.TEXT,
                    "The device's address, for example http://10.0.0.9/").mandatory(),
            ParameterDescriptor.of("files", "Files", ParameterType.LIST,
                    "Paths below the base URL, separated by commas, for example config/drive.xml").mandatory(),
            ParameterDescriptor.of("user", "User", ParameterType.TEXT, "For HTTP basic authentication, if the device asks"),
            ParameterDescriptor.of("password", "Password", ParameterType.TEXT, "For HTTP basic authentication").hidden(),
            ParameterDescriptor.of("timeout", "Timeout", ParameterType.DURATION, "How long to wait for the device")
                    .withDefault("PT5S"));

    @Override
    public List<ParameterDescriptor> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> values) {
        List<ParameterProblem> problems = new ArrayList<>(Parameters.validate(PARAMETERS, values));
        Parameters parameters = new Parameters(PARAMETERS, values);
        String baseUrl = parameters.text("baseUrl");
        if (baseUrl != null && !baseUrl.matches("https?://.+")) {
            problems.add(new ParameterProblem("baseUrl", "baseUrl: must start with http:// or https://, not '"
                    + baseUrl + "'"));
        }
        for (String file : parameters.list("files")) {
            if (!Paths.isValid(file)) {
                problems.add(new ParameterProblem("files", "files: '" + file
                        + "' is not a relative path (no leading '/', no '..')"));
            }
        }
        return problems;
    }

    @Override
    public DriverResult testConnection(Map<String, String> values, DriverProgress progress) {
        Parameters parameters = new Parameters(PARAMETERS, values);
        String first = parameters.list("files").get(0);
        try {
            get(parameters, first, "HEAD").body().close();
            return DriverResult.success(DeviceIdentity.UNKNOWN);
        } catch (DeviceFailure failure) {
            return DriverResult.failure(DeviceIdentity.UNKNOWN, failure.kind, failure.getMessage());
        } catch (IOException e) {
            return DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.PROTOCOL_ERROR, e.getMessage());
        }
    }

    @Override
    public DriverResult backup(Map<String, String> values, SnapshotWriter snapshot, DriverProgress progress) {
        Parameters parameters = new Parameters(PARAMETERS, values);
        List<String> files = parameters.list("files");
        progress.begin(files.size(), "files");
        progress.log("Backing up " + files.size() + " files from " + parameters.text("baseUrl"));
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
            } catch (DeviceFailure failure) {
                return DriverResult.failure(DeviceIdentity.UNKNOWN, failure.kind, failure.getMessage());
            } catch (IOException e) {
                return DriverResult.failure(DeviceIdentity.UNKNOWN, ProblemKind.PARTIAL,
                        file + " could not be read completely: " + e.getMessage());
            }
            progress.worked(1, file);
        }
        return DriverResult.success(DeviceIdentity.UNKNOWN);
    }

    /** A device problem with its kind, for the result. */
    private static final class DeviceFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final transient ProblemKind kind;

        DeviceFailure(ProblemKind kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    private static HttpResponse<InputStream> get(Parameters parameters, String file, String method) throws IOException {
        String base = parameters.text("baseUrl");
        URI uri = URI.create(base.endsWith("/") ? base + file : base + "/" + file);
        Duration timeout = parameters.duration("timeout");
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (parameters.text("user") != null) {
            String credentials = parameters.text("user") + ":" + (parameters.text("password") == null ? ""
                    : parameters.text("password"));
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new DeviceFailure(ProblemKind.TIMEOUT, uri.getAuthority() + " did not accept a connection within "
                    + timeout.toSeconds() + " s: check the cable and the device's address");
        } catch (ConnectException e) {
            throw new DeviceFailure(ProblemKind.UNREACHABLE, uri.getAuthority()
                    + " refused the connection: check the device's address and that its web server is on");
        } catch (HttpTimeoutException e) {
            throw new DeviceFailure(ProblemKind.TIMEOUT, uri + " did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceFailure(ProblemKind.CANCELLED, "Interrupted while reading " + uri);
        }
        int status = response.statusCode();
        if (status == 200) {
            return response;
        }
        response.body().close();
        throw switch (status) {
        case 401, 403 -> new DeviceFailure(ProblemKind.AUTHENTICATION_FAILED, uri
                + " refused the credentials (HTTP " + status + "): check user and password");
        case 404 -> new DeviceFailure(ProblemKind.NOT_FOUND, file + " does not exist on the device (HTTP 404 for "
                + uri + ")");
        default -> new DeviceFailure(ProblemKind.PROTOCOL_ERROR, uri + " answered HTTP " + status);
        };
    }

    /** The device's modification time when it sends one; unknown ({@code null}) otherwise. */
    private static Instant lastModified(HttpResponse<?> response) {
        return response.headers().firstValue("Last-Modified")
                .map(value -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .orElse(null);
    }
}
