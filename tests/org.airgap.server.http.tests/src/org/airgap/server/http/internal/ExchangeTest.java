package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;

import javax.servlet.http.HttpServletRequest;

import org.airgap.server.core.ServerException;
import org.junit.jupiter.api.Test;

/** How an endpoint reads the query string of a request (BlobServlet's offset and size). */
class ExchangeTest {

    @Test
    void parametersAreDecodedFromTheQueryString() throws ServerException {
        Exchange exchange = exchange("offset=0&size=1%30&flag&na%6De=x+y");
        assertEquals("0", exchange.queryParameter("offset"));
        assertEquals("10", exchange.queryParameter("size"));
        assertEquals("", exchange.queryParameter("flag"));
        assertEquals("x y", exchange.queryParameter("name"));
        assertNull(exchange.queryParameter("missing"));
        assertNull(exchange(null).queryParameter("offset"));
    }

    /** Found by fuzzing (tests/fuzz, UploadRequestFuzzTest): URLDecoder's IllegalArgumentException was a 500. */
    @Test
    void aBrokenPercentEscapeIsABadRequestNamingIt() {
        for (String query : new String[] { "offset=%zz&size=1", "size=1&offset=1%", "offs%e\0t=1", "offset=%0" }) {
            ServerException refused = assertThrows(ServerException.class,
                    () -> exchange(query).queryParameter("offset"), query);
            assertEquals(ServerException.Kind.BAD_REQUEST, refused.kind(), query);
            assertTrue(refused.getMessage().startsWith("the query string has a broken %-escape in '"),
                    refused.getMessage());
        }
    }

    private static Exchange exchange(String query) {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(ExchangeTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, method, arguments) -> {
                    if (method.getName().equals("getQueryString")) {
                        return query;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new Exchange(request, null, null, null);
    }
}
