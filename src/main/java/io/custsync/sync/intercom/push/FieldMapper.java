package io.custsync.sync.intercom.push;

import io.custsync.store.PushLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.custsync.mapping.Mappings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Store columns → Intercom fields, as mappings.yaml says ({@code objects.<object>.intercom.fields}): a standard
 * field by its name, anything else as a custom attribute ({@code custom_attributes.<name>} or a bare name Intercom
 * does not know as standard). Fields are ledger keys by their Intercom path, so a remapped field is sent again.
 */
final class FieldMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOM = "custom_attributes.";

    private final Map<String, String> paths = new LinkedHashMap<>();
    /** Custom attribute name → the mappings.yaml setting that names it. */
    private final Map<String, String> customAttributes = new LinkedHashMap<>();

    /** @param columns mapping key → store column, e.g. name → name, domain → domain */
    FieldMapper(Mappings mappings, String object, Map<String, String> columns, Set<String> standard, Set<String> never) {
        columns.forEach((key, column) -> {
            String field = mappings.fieldOf(object, "intercom", key);
            if (Mappings.DISABLED.equals(field) || never.contains(field)) {
                return;
            }
            String path = standard.contains(field) || field.startsWith(CUSTOM) ? field : CUSTOM + field;
            paths.put(column, path);
            if (path.startsWith(CUSTOM)) {
                customAttributes.put(path.substring(CUSTOM.length()), Mappings.fieldSetting(object, "intercom", key));
            }
        });
    }

    /** The custom attributes the mapping writes (name → the setting that names it), for creating missing ones. */
    Map<String, String> customAttributes() {
        return customAttributes;
    }

    /** Intercom path → value of one store row (null values as JSON null: clearing a field is a change too). */
    Map<String, JsonNode> values(Map<String, Object> row) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        paths.forEach((column, path) -> {
            Object v = row.get(column);
            out.put(path, v == null ? NullNode.getInstance() : TextNode.valueOf(v.toString()));
        });
        return out;
    }

    /** The values whose hash differs from the ledger's, with their new hashes. */
    static Map<String, JsonNode> changed(Map<String, JsonNode> values, Map<String, String> pushed, Map<String, String> hashes) {
        Map<String, JsonNode> changed = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            String hash = PushLedger.hash(value);
            boolean nothingToClear = value.isNull() && !pushed.containsKey(path);
            if (!nothingToClear && !hash.equals(pushed.get(path))) {
                changed.put(path, value);
                hashes.put(path, hash);
            }
        });
        return changed;
    }

    static Map<String, String> hashes(Map<String, JsonNode> values) {
        Map<String, String> out = new HashMap<>();
        values.forEach((path, value) -> out.put(path, PushLedger.hash(value)));
        return out;
    }

    /** A request body of Intercom paths: {@code custom_attributes.x} nests under {@code custom_attributes}. */
    static ObjectNode body(Map<String, JsonNode> values) {
        ObjectNode body = JSON.createObjectNode();
        values.forEach((path, value) -> {
            if (path.startsWith(CUSTOM)) {
                body.with("custom_attributes").set(path.substring(CUSTOM.length()), value);
            } else {
                body.set(path, value);
            }
        });
        return body;
    }
}
