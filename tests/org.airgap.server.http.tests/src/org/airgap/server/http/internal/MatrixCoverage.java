package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.airgap.server.http.internal.MatrixCell.Row;
import org.junit.jupiter.api.DynamicTest;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.FailedServletDTO;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;

/**
 * Keeps the matrix complete: the API paths the HTTP whiteboard really serves (its runtime DTOs, as the
 * OSGi service registry gives them) must each be covered by a row, and each row must reach a served
 * path. A new servlet, or a new pattern of an old one, fails the matrix until a row describes it.
 */
final class MatrixCoverage {

    private MatrixCoverage() {
    }

    static DynamicTest test(List<Row> matrix) {
        return DynamicTest.dynamicTest("every API path the whiteboard serves has a row", () -> check(matrix));
    }

    private static void check(List<Row> matrix) throws Exception {
        Set<String> served = servedApiPatterns();
        assertFalse(served.isEmpty(), "the whiteboard serves no /api path");
        List<String> uncovered = new ArrayList<>();
        for (String pattern : served) {
            if (matrix.stream().noneMatch(row -> matches(pattern, row.pathOnly()))) {
                uncovered.add(pattern);
            }
        }
        assertEquals(List.of(), uncovered, "served API patterns without a row in the authorization matrix");
        for (Row row : matrix) {
            assertTrue(served.stream().anyMatch(pattern -> matches(pattern, row.pathOnly())),
                    () -> row.path() + " is in the matrix but no servlet serves it: " + served);
        }
    }

    /** The servlet patterns below /api of every HTTP runtime; a servlet that failed to register fails the test. */
    private static Set<String> servedApiPatterns() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(MatrixCoverage.class).getBundleContext();
        Set<String> patterns = new TreeSet<>();
        for (ServiceReference<HttpServiceRuntime> reference : context.getServiceReferences(HttpServiceRuntime.class,
                null)) {
            HttpServiceRuntime runtime = context.getService(reference);
            try {
                RuntimeDTO dto = runtime.getRuntimeDTO();
                for (FailedServletDTO failed : dto.failedServletDTOs) {
                    for (String pattern : failed.patterns) {
                        assertFalse(pattern.startsWith("/api"), () -> "servlet " + failed.name + " for " + pattern
                                + " failed to register: reason " + failed.failureReason);
                    }
                }
                for (ServletContextDTO servletContext : dto.servletContextDTOs) {
                    for (ServletDTO servlet : servletContext.servletDTOs) {
                        for (String pattern : servlet.patterns) {
                            if (pattern.startsWith("/api")) {
                                patterns.add(pattern);
                            }
                        }
                    }
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return patterns;
    }

    /** Servlet pattern matching: exact, or a "/*" prefix (which also matches the prefix itself). */
    static boolean matches(String pattern, String path) {
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.endsWith("*")) {
            return path.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(path);
    }
}
