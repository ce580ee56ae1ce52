package io.custsync.ops.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jolokia.server.core.request.JolokiaExecRequest;
import org.jolokia.server.core.request.JolokiaObjectNameRequest;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What each console role may do through Jolokia, decided on the request Jolokia parsed (its type, MBean and
 * operation), never on how the URL was spelled. The caller's role comes from Spring Security, which
 * authenticated the request before it reached Jolokia.
 * <ul>
 *   <li>viewer: {@code read}, {@code list}, {@code search}, {@code version};</li>
 *   <li>admin: the same, and {@code exec} of the operations in {@link #ADMIN_OPERATIONS} only;</li>
 *   <li>nobody: {@code write}, {@code notification}, proxy requests ({@code target}), any other operation
 *       (heap dumps, diagnostic commands, flight recordings, sending to a Camel endpoint…), or GET.</li>
 * </ul>
 * Jolokia asks this class itself, as its {@link Restrictor}, at each step it checks; {@link JolokiaAccessGate}
 * asks {@link #allows(JolokiaRequest)} before any handler runs, for the request types Jolokia does not check.
 */
public final class JolokiaAccess implements Restrictor {

    enum Role { NONE, VIEWER, ADMIN }

    /** (MBean, operations) the admin may run: start/stop/suspend/resume a route, run a flow now, a dry run. */
    static final Map<ObjectName, Set<String>> ADMIN_OPERATIONS = Map.of(
            name("org.apache.camel:type=routes,*"), Set.of("start", "stop", "suspend", "resume"),
            name("io.custsync:type=SyncFlows"), Set.of("runNow"),
            name("io.custsync:name=DryRuns"), Set.of("dryRun"));

    /** Attributes nobody reads: the JVM's command line and system properties can carry secrets passed as arguments. */
    private static final Map<ObjectName, Set<String>> HIDDEN_ATTRIBUTES = Map.of(
            name("java.lang:type=Runtime"), Set.of("SystemProperties", "InputArguments"));

    /**
     * Hawtio's access-control MBean (a dummy that says yes to everything) is hidden from searches: with it, the
     * console would ask it through an {@code exec} for every operation, which no viewer may send. Without it the
     * console shows every button, and Jolokia refuses what the role may not do.
     */
    private static final ObjectName HAWTIO_ACL = name("*:type=security,area=jmx,*");

    private static final List<RequestType> READS = List.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH, RequestType.VERSION);

    /** Whether the current caller may have this request carried out. */
    public boolean allows(JolokiaRequest request) {
        return refusal(request) == null;
    }

    /** Why the request is refused to the current caller, or null when it is allowed. */
    String refusal(JolokiaRequest request) {
        Role role = role();
        if (role == Role.NONE) {
            return "no console role";
        }
        if (request.getHttpMethod() != HttpMethod.POST) {
            return "Jolokia answers POST requests only";
        }
        if (request.getOption("target") != null) {
            return "proxy requests are not allowed";
        }
        if (request instanceof JolokiaObjectNameRequest named && named.getProvider() != null) {
            return "provider-qualified MBean names are not allowed";
        }
        RequestType type = request.getType();
        if (READS.contains(type)) {
            return null;
        }
        if (type == RequestType.EXEC && request instanceof JolokiaExecRequest exec) {
            if (role != Role.ADMIN) {
                return "the " + role.name().toLowerCase() + " role only reads";
            }
            return isOperationAllowed(exec.getObjectName(), exec.getOperation()) ? null
                    : "operation " + exec.getOperation() + " on " + exec.getObjectNameAsString() + " is not on the admin's list";
        }
        return "request type " + type.getName() + " is not allowed";
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return method == HttpMethod.POST;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        Role role = role();
        return role != Role.NONE && (READS.contains(type) || (type == RequestType.EXEC && role == Role.ADMIN));
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName mbean, String attribute) {
        return role() != Role.NONE && !listed(HIDDEN_ATTRIBUTES, mbean, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName mbean, String attribute) {
        return false;
    }

    @Override
    public boolean isOperationAllowed(ObjectName mbean, String operation) {
        return role() == Role.ADMIN && mbean != null && !mbean.isPattern() && operation != null
                && listed(ADMIN_OPERATIONS, mbean, nameOf(operation));
    }

    /** Who may connect is decided by the listening address and the login, not by Jolokia. */
    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return true;
    }

    /** Cross-origin calls are refused (strictly: the request itself, not only the CORS headers); the own origin is fine. */
    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        return origin == null || SameOrigin.isOwn(currentRequest(), origin);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return HAWTIO_ACL.apply(name);
    }

    static Role role() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return Role.NONE;
        }
        Set<String> granted = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(java.util.stream.Collectors.toSet());
        if (granted.contains("ROLE_" + ConsoleSecurityConfiguration.ADMIN)) {
            return Role.ADMIN;
        }
        return granted.contains("ROLE_" + ConsoleSecurityConfiguration.VIEWER) ? Role.VIEWER : Role.NONE;
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    /** "stop", "stop()" and "stop(long)" all name the operation stop. */
    private static String nameOf(String operation) {
        int paren = operation.indexOf('(');
        return (paren < 0 ? operation : operation.substring(0, paren)).trim();
    }

    private static boolean listed(Map<ObjectName, Set<String>> list, ObjectName mbean, String member) {
        for (Map.Entry<ObjectName, Set<String>> entry : list.entrySet()) {
            if (entry.getKey().apply(mbean) && entry.getValue().contains(member)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
