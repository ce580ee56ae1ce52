package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import io.custsync.sandbox.common.SandboxServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes {@code /services/...}: the OAuth endpoints, the versions list, and the versioned REST API behind
 * session and daily-limit checks. Every answered API call carries {@code Sforce-Limit-Info}. Injected faults come
 * before all of it (before authentication, not counted against the limit); unexpected failures answer 500
 * UNKNOWN_EXCEPTION, the shape Salesforce uses.
 */
final class RestApi implements SandboxServer.Api {

    private static final Logger LOG = Logger.getLogger(RestApi.class.getName());

    private final SalesforceSettings settings;
    private final Schema schema;
    private final AuthService auth;
    private final ApiLimits limits;
    private final SalesforceCounters counters;
    private final QueryService queries;
    private final SObjectApi sobjects;
    private final CompositeApi composite;
    private final Supplier<String> baseUrl;

    RestApi(SalesforceSettings settings, Schema schema, AuthService auth, ApiLimits limits, SalesforceCounters counters,
            QueryService queries, SObjectApi sobjects, CompositeApi composite, Supplier<String> baseUrl) {
        this.settings = settings;
        this.schema = schema;
        this.auth = auth;
        this.limits = limits;
        this.counters = counters;
        this.queries = queries;
        this.sobjects = sobjects;
        this.composite = composite;
        this.baseUrl = baseUrl;
    }

    @Override
    public SandboxResponse injected(int status) {
        return (switch (status) {
            case 500 -> new ApiError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include"
                    + " this ErrorId if you contact support: 1130129471-42 (-1318406537)");
            case 503 -> new ApiError(503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable. Please try again later.");
            default -> new ApiError(status, "UNKNOWN_EXCEPTION", "Injected fault " + status);
        }).response();
    }

    @Override
    public SandboxResponse malformed() {
        return SfJson.text(200, SfJson.CONTENT_TYPE, "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Acc");
    }

    @Override
    public SandboxResponse failure(SandboxRequest req, RuntimeException e) {
        if (e instanceof ApiError refused) {
            return refused.response();
        }
        LOG.log(Level.WARNING, "sandbox failed on " + req.method() + " " + req.path(), e);
        return new ApiError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred."
                + " Please include this ErrorId if you contact support: " + e.getClass().getSimpleName()).response();
    }

    @Override
    public void answered(SandboxRequest req, SandboxResponse res, boolean faulted) {
        if (faulted) {
            counters.event("fault");
        }
    }

    @Override
    public SandboxResponse serve(SandboxRequest req) {
        List<String> s = req.segments();
        if (s.size() == 3 && s.get(0).equals("services") && s.get(1).equals("oauth2")) {
            if (s.get(2).equals("token")) {
                if (!req.method().equals("POST")) {
                    return methodNotAllowed(req, "POST");
                }
                AuthService.LoginResult r = auth.token(req.form(), baseUrl.get());
                return SfJson.response(r.status(), r.body());
            }
            if (s.get(2).equals("revoke")) {
                boolean ok = auth.revoke(req.form().get("token"));
                return ok ? SandboxResponse.empty(200) : SfJson.response(400, Map.of("error", "unsupported_token_type",
                        "error_description", "this token type is not supported"));
            }
        }
        if (s.size() >= 2 && s.get(0).equals("services") && s.get(1).equals("data")) {
            if (s.size() == 2) {
                return SfJson.response(200, versions());
            }
            String v = s.get(2);
            String version = v.startsWith("v") ? v.substring(1) : "";
            if (!settings.apiVersions().contains(version)) {
                return ApiError.notFound().response();
            }
            return authorized(req, version, s.subList(3, s.size()));
        }
        return ApiError.notFound().response();
    }

    private SandboxResponse authorized(SandboxRequest req, String version, List<String> rest) {
        if (!auth.authenticate(bearer(req))) {
            counters.event("invalidSession");
            return SfJson.response(401, new ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid").body());
        }
        if (!limits.tryConsume()) {
            counters.event("limitExceeded");
            return SfJson.response(403, new ApiError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").body())
                    .header("Sforce-Limit-Info", limits.header());
        }
        SandboxResponse resp;
        try {
            resp = route(req, version, rest);
        } catch (ApiError e) {
            resp = e.response();
        } catch (MultipleChoices e) {
            resp = SfJson.response(300, e.urls());
        }
        return resp.header("Sforce-Limit-Info", limits.header());
    }

    private static String bearer(SandboxRequest req) {
        String h = req.header("Authorization");
        if (h == null) {
            return null;
        }
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        if (h.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return h.substring(6).trim();
        }
        return null;
    }

    private SandboxResponse route(SandboxRequest req, String version, List<String> r) {
        String m = req.method();
        int n = r.size();
        String head = n == 0 ? "" : r.get(0);
        switch (head) {
            case "" -> {
                count(m, "resources");
                return m.equals("GET") ? SfJson.response(200, resources(version)) : methodNotAllowed(req, "GET");
            }
            case "limits" -> {
                count(m, "limits");
                return n == 1 && m.equals("GET") ? SfJson.response(200, limitsBody()) : methodNotAllowed(req, "GET");
            }
            case "query", "queryAll" -> {
                boolean all = head.equals("queryAll");
                if (!m.equals("GET")) {
                    count(m, head);
                    return methodNotAllowed(req, "GET");
                }
                Integer batch = batchSize(req);
                if (n == 1) {
                    count(m, head);
                    return SfJson.response(200, queries.query(req.query("q"), all, version, batch));
                }
                count(m, "queryMore");
                return SfJson.response(200, queries.more(r.get(1), batch));
            }
            case "sobjects" -> {
                return sobject(req, version, r);
            }
            case "composite" -> {
                if (n >= 2 && r.get(1).equals("sobjects")) {
                    count(m, "composite-sobjects");
                    if (n == 2) {
                        return switch (m) {
                            case "POST" -> composite.create(req);
                            case "PATCH" -> composite.update(req);
                            case "DELETE" -> composite.delete(req);
                            default -> methodNotAllowed(req, "POST,PATCH,DELETE");
                        };
                    }
                    if (n == 3 && m.equals("GET")) {
                        return composite.retrieve(object(r.get(2)), req, version);
                    }
                    if (n == 4 && m.equals("PATCH")) {
                        return composite.upsert(req, object(r.get(2)), r.get(3), version);
                    }
                }
            }
            default -> {
            }
        }
        count(m, "unknown");
        throw ApiError.notFound();
    }

    private SandboxResponse sobject(SandboxRequest req, String version, List<String> r) {
        String m = req.method();
        int n = r.size();
        if (n == 1) {
            count(m, "describeGlobal");
            return m.equals("GET") ? SfJson.response(200, Describe.global(schema, version)) : methodNotAllowed(req, "GET");
        }
        ObjectDef def = object(r.get(1));
        if (n == 2) {
            count(m, m.equals("POST") ? "sobject-create" : "sobject-basicInfo");
            return switch (m) {
                case "GET" -> SfJson.response(200, Describe.basicInfo(def, version));
                case "POST" -> sobjects.create(def, SfJson.object(req));
                default -> methodNotAllowed(req, "GET,POST");
            };
        }
        if (n == 3 && r.get(2).equals("describe")) {
            count(m, "describe");
            return m.equals("GET") ? SfJson.response(200, Describe.describe(def, version)) : methodNotAllowed(req, "GET");
        }
        if (n == 3) {
            String id = r.get(2);
            return switch (m) {
                case "GET" -> {
                    count(m, "sobject-get");
                    yield sobjects.get(def, id, req.query("fields"), version);
                }
                case "PATCH" -> {
                    count(m, "sobject-update");
                    yield sobjects.update(def, id, SfJson.object(req));
                }
                case "DELETE" -> {
                    count(m, "sobject-delete");
                    yield sobjects.delete(def, id);
                }
                default -> {
                    count(m, "sobject");
                    yield methodNotAllowed(req, "GET,PATCH,DELETE");
                }
            };
        }
        if (n == 4) {
            String field = r.get(2);
            String value = r.get(3);
            return switch (m) {
                case "GET" -> {
                    count(m, "sobject-getByExternalId");
                    yield sobjects.getByExternalId(def, field, value, req.query("fields"), version);
                }
                case "PATCH" -> {
                    count(m, "sobject-upsert");
                    yield sobjects.upsert(def, field, value, SfJson.object(req), version);
                }
                case "DELETE" -> {
                    count(m, "sobject-deleteByExternalId");
                    yield sobjects.deleteByExternalId(def, field, value, version);
                }
                default -> {
                    count(m, "sobject");
                    yield methodNotAllowed(req, "GET,PATCH,DELETE");
                }
            };
        }
        count(m, "unknown");
        throw ApiError.notFound();
    }

    private ObjectDef object(String name) {
        ObjectDef def = schema.object(name);
        if (def == null) {
            throw ApiError.notFound();
        }
        return def;
    }

    private void count(String method, String kind) {
        counters.apiCall(method, kind);
    }

    private static Integer batchSize(SandboxRequest req) {
        String options = req.header("Sforce-Query-Options");
        if (options == null) {
            return null;
        }
        for (String part : options.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("batchSize")) {
                try {
                    return Integer.parseInt(kv[1].trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static SandboxResponse methodNotAllowed(SandboxRequest req, String allowed) {
        return SfJson.response(405, new ApiError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method()
                + "' not allowed. Allowed are " + allowed).body());
    }

    private List<Object> versions() {
        List<Object> out = new ArrayList<>();
        for (String v : settings.apiVersions()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("label", releaseLabel(v));
            e.put("url", "/services/data/v" + v);
            e.put("version", v);
            out.add(e);
        }
        return out;
    }

    /** Three releases a year, Winter first: 56.0 is Winter '23, 57.0 Spring '23, 58.0 Summer '23. */
    static String releaseLabel(String version) {
        int index;
        try {
            index = (int) Double.parseDouble(version) - 56;
        } catch (NumberFormatException e) {
            return version;
        }
        String season = List.of("Winter", "Spring", "Summer").get(Math.floorMod(index, 3));
        return season + " '" + (23 + Math.floorDiv(index, 3));
    }

    private static Map<String, Object> resources(String version) {
        String base = "/services/data/v" + version;
        Map<String, Object> out = new LinkedHashMap<>();
        for (String r : List.of("sobjects", "query", "queryAll", "limits", "composite")) {
            out.put(r, base + "/" + r);
        }
        return out;
    }

    private Map<String, Object> limitsBody() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("DailyApiRequests", usage(limits.max(), limits.remaining()));
        out.put("DailyBulkApiRequests", usage(10_000, 10_000));
        out.put("DataStorageMB", usage(1_024, 1_000));
        out.put("FileStorageMB", usage(1_024, 1_024));
        return out;
    }

    private static Map<String, Object> usage(long max, long remaining) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("Max", max);
        u.put("Remaining", remaining);
        return u;
    }
}
