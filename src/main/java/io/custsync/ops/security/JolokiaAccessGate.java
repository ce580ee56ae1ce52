package io.custsync.ops.security;

import org.jolokia.server.core.request.JolokiaRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jolokia.server.core.service.api.AbstractJolokiaService;
import org.jolokia.server.core.service.request.RequestHandler;

/**
 * First in Jolokia's chain of request handlers: takes every request {@link JolokiaAccess} refuses and answers it
 * with a 403, so no backend sees it. Jolokia's own handlers ask the restrictor too, but not for every request
 * type (notifications are not checked at all), hence this gate in front of them.
 */
final class JolokiaAccessGate extends AbstractJolokiaService<RequestHandler> implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(JolokiaAccessGate.class);

    /** Before the version handler (-1) and the JMX handler (1000). */
    private static final int FIRST = -1000;

    private final JolokiaAccess access;

    JolokiaAccessGate(JolokiaAccess access) {
        super(RequestHandler.class, FIRST);
        this.access = access;
    }

    @Override
    public boolean canHandle(JolokiaRequest request) {
        return !access.allows(request);
    }

    @Override
    public <R extends JolokiaRequest> Object handleRequest(R request, Object previousResult) {
        String why = access.refusal(request);
        log.debug("Jolokia refused {}: {}", request, why);
        // Jolokia answers a SecurityException with status 403 and the message, without a stack trace.
        throw new SecurityException("Forbidden: " + why);
    }

    @Override
    public String getProvider() {
        return "access";
    }

    @Override
    public Object getRuntimeInfo() {
        return null;
    }
}
