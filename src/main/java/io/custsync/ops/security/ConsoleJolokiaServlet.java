package io.custsync.ops.security;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jolokia.server.core.http.AgentServlet;
import org.jolokia.server.core.service.api.JolokiaServiceManager;

/**
 * Jolokia's agent servlet with the console's access rules ({@link JolokiaAccess}) as its restrictor and
 * {@link JolokiaAccessGate} in front of its handlers. It answers POST only: a GET request, whatever its path or
 * {@code ?p=} says, is refused with a 403 before Jolokia parses it (Hawtio takes a 403 to its probe as "Jolokia is
 * here" and then talks POST).
 */
public class ConsoleJolokiaServlet extends AgentServlet {

    private static final long serialVersionUID = 1L;

    private final transient JolokiaAccess access;

    public ConsoleJolokiaServlet(JolokiaAccess access) {
        super(access);
        this.access = access;
    }

    @Override
    protected void initServices(ServletConfig config, JolokiaServiceManager services) {
        super.initServices(config, services);
        services.addService(new JolokiaAccessGate(access));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":403,\"error\":\"Jolokia answers POST requests only\"}");
    }
}
