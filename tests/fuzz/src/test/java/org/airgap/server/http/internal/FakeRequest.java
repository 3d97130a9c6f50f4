package org.airgap.server.http.internal;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.util.Map;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;

/**
 * The parts of a servlet request the API's parsing reads — path info, raw query string, headers, body —
 * as Jetty hands them over (query undecoded, headers as sent). Any other call is a harness error.
 */
final class FakeRequest {

    private FakeRequest() {
    }

    static HttpServletRequest of(String method, String pathInfo, String query, Map<String, String> headers,
            byte[] body) {
        ServletInputStream in = new BodyStream(body);
        return (HttpServletRequest) Proxy.newProxyInstance(FakeRequest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, call, arguments) -> switch (call.getName()) {
                case "getMethod" -> method;
                case "getPathInfo" -> pathInfo;
                case "getQueryString" -> query;
                case "getRequestURI" -> "/api/blobs" + (pathInfo == null ? "" : pathInfo);
                case "getHeader" -> headers.get((String) arguments[0]);
                case "getContentLengthLong" -> (long) body.length;
                case "getInputStream" -> in;
                case "toString" -> method + " " + pathInfo + "?" + query;
                default -> throw new UnsupportedOperationException("the fuzz harness does not fake " + call);
                });
    }

    private static final class BodyStream extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        BodyStream(byte[] body) {
            bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
