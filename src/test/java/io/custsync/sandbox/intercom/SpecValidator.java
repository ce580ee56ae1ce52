package io.custsync.sandbox.intercom;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolverFactory;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Validates a real request/response pair against Intercom's openapi-2.16.yaml. The spec (1.3 MB) is parsed once per
 * JVM. Location: system property {@code intercom.openapi.spec}, else {@code ../shared/intercom/openapi-2.16.yaml}
 * relative to the project directory (the repository is cloned with {@code shared/} beside it).
 */
final class SpecValidator {
    private static OpenApiInteractionValidator validator;

    private SpecValidator() {
    }

    static Path specPath() {
        String prop = System.getProperty("intercom.openapi.spec");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of(System.getProperty("user.dir")).resolve("../shared/intercom/openapi-2.16.yaml").normalize();
    }

    static synchronized OpenApiInteractionValidator get() {
        if (validator == null) {
            try {
                String spec = Files.readString(specPath());
                ParseOptions options = new ParseOptions();
                options.setResolve(true);
                SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(spec, null, options);
                List<String> unexpected = new ArrayList<>(parsed.getMessages());
                unexpected.removeAll(SpecAllowList.KNOWN_SPEC_LOAD_ERRORS);
                if (parsed.getOpenAPI() == null || !unexpected.isEmpty()) {
                    throw new IllegalStateException("Unexpected problems loading the spec: " + unexpected);
                }
                // OpenAPI's default is additionalProperties: true; the validator's own default (reject unknown
                // properties) would flag fields the real API sends beyond the spec (utm_*, referrer, sub-list "type"…).
                validator = OpenApiInteractionValidator.createFor(parsed.getOpenAPI())
                        .withLevelResolver(LevelResolverFactory.withAdditionalPropertiesIgnored()).build();
            } catch (IOException e) {
                throw new UncheckedIOException("OpenAPI spec not found at " + specPath()
                        + " (set -Dintercom.openapi.spec=...)", e);
            }
        }
        return validator;
    }

    /** Messages not covered by {@link SpecAllowList}; empty means the exchange conforms. */
    static List<String> problems(String method, String path, Map<String, String> query, Map<String, String> reqHeaders,
            String reqBody, int status, Map<String, String> respHeaders, String respBody, boolean requestKnownInvalid) {
        SimpleRequest.Builder rb = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach(rb::withQueryParam);
        reqHeaders.forEach(rb::withHeader);
        if (reqBody != null && !reqBody.isEmpty()) {
            rb.withBody(reqBody);
        }
        Request request = rb.build();
        SimpleResponse.Builder sb = SimpleResponse.Builder.status(status);
        respHeaders.forEach(sb::withHeader);
        if (respBody != null && !respBody.isEmpty()) {
            sb.withBody(respBody);
        }
        ValidationReport report = get().validate(request, sb.build());
        List<String> out = new ArrayList<>();
        boolean undeclared = false;
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            if (m.getKey().equals(SpecAllowList.UNDECLARED_STATUS_KEY)) {
                undeclared = true;
            }
            if (requestKnownInvalid && m.getKey().startsWith("validation.request.")) {
                continue; // the test sends a deliberately invalid request to check the error answer
            }
            if (!SpecAllowList.allowed(method, path, m)) {
                out.add(m.getKey() + ": " + m.getMessage());
            }
        }
        if (undeclared || (status >= 400 && respBody != null && !respBody.isEmpty())) {
            out.addAll(errorBodyProblems(respBody));
        }
        return out;
    }

    /** Any error body must match the spec's `error` schema: validate it as the declared 401 of GET /admins. */
    static List<String> errorBodyProblems(String body) {
        SimpleRequest request = new SimpleRequest.Builder(Request.Method.GET, "/admins")
                .withHeader("Authorization", "Bearer x").withHeader("Accept", "application/json").build();
        SimpleResponse response = SimpleResponse.Builder.status(401).withContentType("application/json").withBody(body).build();
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : get().validate(request, response).getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                out.add("error body: " + m.getKey() + ": " + m.getMessage());
            }
        }
        return out;
    }
}
