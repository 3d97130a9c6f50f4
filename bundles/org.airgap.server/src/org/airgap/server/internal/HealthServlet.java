package org.airgap.server.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.Gson;

/** {@code GET /api/health}: name, version and status, for monitoring and for clients that check the URL. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Gson GSON = new Gson();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> health = new LinkedHashMap<>();
        health.put("name", "Airgap Server");
        health.put("version", FrameworkUtil.getBundle(HealthServlet.class).getVersion().toString());
        health.put("status", "UP");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(GSON.toJson(health));
    }
}
