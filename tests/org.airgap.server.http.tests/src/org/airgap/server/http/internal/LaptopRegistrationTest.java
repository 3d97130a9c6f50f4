package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.LaptopInfo;
import org.airgap.protocol.LaptopRegistration;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies of {@code POST /api/laptops} (a technician's registration of their laptop's key): too large
 * (refused before parsing, also without a declared length), not JSON, fields missing, a key of the wrong length,
 * type or encoding, a laptop id outside the rule. Each is a 4xx naming the problem, and no laptop is stored.
 */
class LaptopRegistrationTest extends ServerTestBase {

    private static final String BAD_ID = "a laptop id is 1 to 100 letters, digits, '.', '_' or '-'";
    private String alice;

    @BeforeEach
    void login() throws Exception {
        alice = server.login(ALICE);
    }

    @Test
    void aRegistrationOver4KiBIsRefusedBeforeItIsParsedAndStoresNothing() throws Exception {
        // A valid registration padded with spaces: parsed, it would register.
        String json = ProtocolJson.write(new LaptopRegistration("laptop-1", ed25519Key()));
        byte[] padded = (json + " ".repeat(4096 + 1 - json.length())).getBytes(StandardCharsets.UTF_8);
        Reply declared = client.send(client.request(Api.LAPTOPS, alice).header("Content-Type", Api.JSON)
                .POST(BodyPublishers.ofByteArray(padded)).build()).expect(413);
        assertEquals("the request body of 4097 bytes exceeds the limit of 4096 bytes for this request",
                declared.error().error());

        HttpRequest streamed = client.request(Api.LAPTOPS, alice).header("Content-Type", Api.JSON)
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded))).build();
        assertEquals("the request body of more than 4096 bytes exceeds the limit of 4096 bytes for this request",
                client.send(streamed).expect(413).error().error());

        assertNoLaptopStored();
        client.postText(Api.LAPTOPS, alice, json.strip()).expect(200);
    }

    @Test
    void aRegistrationThatIsNotJsonOrLacksAFieldIsA400AndStoresNothing() throws Exception {
        for (String body : List.of("", "{\"laptopId\": ", "laptop-1", "[\"laptop-1\"]", "null", "{}",
                "{\"laptopId\": \"laptop-1\"}", "{\"publicKey\": \"" + ed25519Key() + "\"}",
                "{\"laptopId\": [\"laptop-1\"], \"publicKey\": \"" + ed25519Key() + "\"}",
                "{\"laptopId\": \"laptop-1\", \"publicKey\": {\"key\": 1}}")) {
            Reply refused = client.postText(Api.LAPTOPS, alice, body);
            assertEquals(400, refused.status(), () -> body + " -> HTTP " + refused.status() + ": " + refused.body());
            String error = refused.error().error();
            assertTrue(error.startsWith("malformed request: ") && error.length() > "malformed request: ".length()
                    || error.equals("a laptop registration needs \"laptopId\" and \"publicKey\""), body + " -> " + error);
        }
        assertEquals("a laptop registration needs \"laptopId\" and \"publicKey\"",
                client.postText(Api.LAPTOPS, alice, "{}").error().error());
        assertNoLaptopStored();
    }

    @Test
    void aKeyOfTheWrongLengthTypeOrEncodingIsA400AndStoresNothing() throws Exception {
        byte[] encoded = Base64.getDecoder().decode(ed25519Key());
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> keys = List.of(
                "", "not base64!", base64.encodeToString(encoded).replace("=", "") + "*",
                // the 32 bytes of the key without its X.509 wrapping, and the wrapping cut short or lengthened
                base64.encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)),
                base64.encodeToString(Arrays.copyOf(encoded, encoded.length - 1)),
                base64.encodeToString(Arrays.copyOf(encoded, encoded.length + 1)),
                // line breaks as in PEM; the key's DER with a length in long form (the same key spelt otherwise)
                Base64.getMimeEncoder(16, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded),
                base64.encodeToString(longForm(encoded)),
                otherKey("Ed448"), otherKey("RSA"), otherKey("EC"));
        for (String key : keys) {
            Reply refused = client.post(Api.LAPTOPS, alice, new LaptopRegistration("laptop-1", key));
            assertEquals(400, refused.status(), () -> key + " -> HTTP " + refused.status() + ": " + refused.body());
            assertTrue(refused.error().error().startsWith("laptop laptop-1: the public key is not an Ed25519 key"
                    + " (base64 X.509): "), key + " -> " + refused.error().error());
        }
        assertNoLaptopStored();
    }

    @Test
    void aLaptopIdOutsideTheRuleIsA400AndStoresNothing() throws Exception {
        String key = ed25519Key();
        for (String id : List.of("", " ", "laptop 1", "../laptop", "laptop/1", "läptop", "laptop\n1", "laptop\u00001",
                "x".repeat(101), "laptop;DROP TABLE laptops")) {
            Reply refused = client.post(Api.LAPTOPS, alice, new LaptopRegistration(id, key));
            assertEquals(400, refused.status(), () -> id + " -> HTTP " + refused.status() + ": " + refused.body());
            assertEquals(BAD_ID, refused.error().error(), id);
        }
        assertNoLaptopStored();
        client.post(Api.LAPTOPS, alice, new LaptopRegistration("x".repeat(100), key)).expect(200);
    }

    /** The DER of {@code encoded} (a SEQUENCE shorter than 128 bytes) with its outer length in long form. */
    private static byte[] longForm(byte[] encoded) {
        byte[] longForm = new byte[encoded.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(encoded, 1, longForm, 2, encoded.length - 1);
        return longForm;
    }

    private void assertNoLaptopStored() throws Exception {
        assertEquals(List.of(), client.get(Api.ADMIN_LAPTOPS, admin).expect(200).asList(LaptopInfo.class));
    }

    private static String ed25519Key() throws GeneralSecurityException {
        return otherKey("Ed25519");
    }

    private static String otherKey(String algorithm) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic().getEncoded());
    }
}
