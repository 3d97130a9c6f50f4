package org.airgap.server.http.internal;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.airgap.fuzz.Contract;
import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.RunSigning;
import org.airgap.protocol.LaptopInfo;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.protocol.RunSignature;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.Laptops;
import org.airgap.server.core.RegisteredLaptop;
import org.airgap.server.core.RunOrigin;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerRepository;

import com.google.gson.JsonParseException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The {@code signature} of an upload request ({@code POST /api/uploads}: kind, laptop id, technician, audit head,
 * signature) as the server reads it (ProtocolJson) and checks it against the uploader's laptop keys
 * (RunSignatureCheck), for one run of technician tech1, who registered laptop-1 (the seeds carry its real
 * signatures) and whose laptop-revoked was revoked. The check returns who ran the run only for a
 * signature that verifies; else it refuses with 422 and a message, recorded once in the server's audit trail.
 * What it hands the repository must be storable and comparable in PostgreSQL too: no NUL, and a refusal of
 * bounded length whatever the laptop sent.
 */
class RunSignatureFuzzTest {

    /**
     * Laptop-1's key. The seeds are signed with its private key, PKCS#8 in base64
     * MC4CAQAwBQYDK2VwBCIEIDOPKLNCOP/KRBrnKC3+GQ9wlClUUlKnnqmXaYmOsyNP (RunSigning.sign of RunSigning.signedBytes).
     */
    static final String PUBLIC_KEY = "MCowBQYDK2VwAyEAb6oPQvNKKiTVDXk/yB7xbEtaLre74zxeEIQShNMLOJ4=";
    static final Run RUN = new Run("run-1", "job-press", Instant.parse("2026-03-02T10:00:00Z"),
            Instant.parse("2026-03-02T10:00:20Z"), 1, RunOutcome.SUCCEEDED, null,
            "0000000000000000000000000000000000000000000000000000000000000001", CompareResult.DIFFERENT,
            CompareResult.NOT_AVAILABLE, List.of());
    private static final int MAX_REFUSAL = 4096;
    private static final UserInfo UPLOADER = new UserInfo("tech1", Role.TECHNICIAN);

    @FuzzTest(maxDuration = "10m")
    void verify(byte[] input) {
        RunSignature signature;
        try {
            signature = ProtocolJson.read(new String(input, StandardCharsets.UTF_8), RunSignature.class);
        } catch (JsonParseException e) {
            Contract.requireMessage(e);
            return;
        }
        List<String> recorded = new ArrayList<>();
        RunOrigin origin;
        try {
            origin = RunSignatureCheck.verify(repository(recorded), UPLOADER, RUN, signature);
        } catch (ServerException e) {
            Contract.requireMessage(e);
            if (e.kind() != ServerException.Kind.UNPROCESSABLE || recorded.size() != 1
                    || !recorded.get(0).equals(e.getMessage())) {
                throw new AssertionError("a refused signature must be a 422 recorded once in the audit trail, was "
                        + e.kind() + " recorded " + recorded.size() + " times", e);
            }
            if (e.getMessage().length() > MAX_REFUSAL) {
                throw new AssertionError("a refusal of " + e.getMessage().length() + " characters", e);
            }
            return;
        }
        if (!recorded.isEmpty() || !"laptop-1".equals(origin.laptopId()) || !"tech1".equals(origin.technician())
                || !RunSigning.verifies(PUBLIC_KEY, RunSigning.signedBytes(RUN, signature.kind(), "laptop-1", "tech1",
                        signature.auditHead() == null ? "" : signature.auditHead()), signature.signature())) {
            throw new AssertionError("accepted a signature that does not verify: " + origin);
        }
    }

    /** tech1's repository as far as the check reads it; anything else is a harness error. */
    private static ServerRepository repository(List<String> recorded) {
        Laptops laptops = (Laptops) Proxy.newProxyInstance(RunSignatureFuzzTest.class.getClassLoader(),
                new Class<?>[] { Laptops.class }, (proxy, call, arguments) -> switch (call.getName()) {
                case "hasLaptop" -> "tech1".equals(storable(arguments[0]));
                case "laptop" -> laptop(storable(arguments[0]), storable(arguments[1]));
                default -> throw new UnsupportedOperationException("the fuzz harness does not fake " + call);
                });
        return (ServerRepository) Proxy.newProxyInstance(RunSignatureFuzzTest.class.getClassLoader(),
                new Class<?>[] { ServerRepository.class }, (proxy, call, arguments) -> switch (call.getName()) {
                case "laptops" -> laptops;
                case "user" -> "tech1".equals(storable(arguments[0])) ? Optional.of(UPLOADER) : Optional.empty();
                case "recordChange" -> {
                    for (Object argument : arguments) {
                        storable(argument);
                    }
                    recorded.add((String) arguments[3]);
                    yield null;
                }
                default -> throw new UnsupportedOperationException("the fuzz harness does not fake " + call);
                });
    }

    private static Optional<RegisteredLaptop> laptop(String laptopId, String user) {
        Instant registered = Instant.parse("2026-03-01T08:00:00Z");
        if (!"tech1".equals(user)) {
            return Optional.empty();
        }
        return switch (laptopId) {
        case "laptop-1" -> Optional.of(new RegisteredLaptop(new LaptopInfo(laptopId, user, "f", registered, null, null),
                PUBLIC_KEY));
        case "laptop-revoked" -> Optional.of(new RegisteredLaptop(new LaptopInfo(laptopId, user, "f", registered,
                registered.plusSeconds(60), "root"), PUBLIC_KEY));
        default -> Optional.empty();
        };
    }

    /** PostgreSQL refuses a NUL in a text value (as a parameter of a query too): the server would answer 500. */
    private static String storable(Object value) {
        String text = (String) value;
        if (text != null && text.indexOf('\0') >= 0) {
            throw new AssertionError("a value with a NUL reaches the database: '" + text.replace("\0", "\\0") + "'");
        }
        return text;
    }
}
