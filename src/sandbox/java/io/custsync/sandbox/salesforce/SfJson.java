package io.custsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON as Salesforce reads and writes it (bodies, answers, errors) and its datetime format ({@code 2024-01-31T12:00:00.000+0000}). */
public final class SfJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);

    // Accepts what clients send: 'Z', '+0000' and '+00:00' offsets, with or without millis.
    private static final DateTimeFormatter IN = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private SfJson() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : OUT.format(instant);
    }

    /** Parses a Salesforce/ISO datetime; null when it is not one. */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, IN).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SandboxResponse response(int status, Object value) {
        return SandboxResponse.of(status, CONTENT_TYPE, write(value));
    }

    static SandboxResponse text(int status, String contentType, String text) {
        return SandboxResponse.of(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The request's JSON body; none, or one that does not parse, is Salesforce's 400 JSON_PARSER_ERROR. */
    static JsonNode body(SandboxRequest req) {
        if (req.body().length == 0) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "The request body is empty.");
        }
        try {
            return MAPPER.readTree(req.body());
        } catch (Exception e) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "Unexpected character in the request body: "
                    + e.getMessage().split("\n")[0]);
        }
    }

    /** The body as a JSON object converted to plain Java values. */
    static Map<String, Object> object(SandboxRequest req) {
        JsonNode node = body(req);
        if (!node.isObject()) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of SObject from "
                    + node.getNodeType() + " value");
        }
        return toMap(node);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        return MAPPER.convertValue(node, LinkedHashMap.class);
    }
}
