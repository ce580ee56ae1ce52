package io.custsync.sandbox.intercom;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolverFactory;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * JVM. It is vendored with the tests ({@code src/test/resources/intercom/}, see SOURCE.md there), so a fresh clone
 * validates with nothing beside it; {@code -Dintercom.openapi.spec=<file>} validates against another copy.
 */
final class SpecValidator {
    private static OpenApiInteractionValidator validator;

    private SpecValidator() {
    }

    private static final String BUNDLED = "/intercom/openapi-2.16.yaml";

    static String readSpec() throws IOException {
        String prop = System.getProperty("intercom.openapi.spec");
        if (prop != null && !prop.isBlank()) {
            return Files.readString(Path.of(prop));
        }
        try (InputStream in = SpecValidator.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("the bundled spec " + BUNDLED + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static synchronized OpenApiInteractionValidator get() {
        if (validator == null) {
            try {
                String spec = readSpec();
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
                throw new UncheckedIOException("Intercom's OpenAPI spec could not be read: " + e.getMessage(), e);
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
