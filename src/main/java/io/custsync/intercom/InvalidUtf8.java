package io.custsync.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An answer whose JSON is whole but holds bytes that are not UTF-8 (a badly converted import in the
 * workspace) is one bad record, not a bad page: the bytes are read as U+FFFD and each record that holds one
 * is marked ({@link #MARK}, naming its fields) so that the page writer keeps it as a dead
 * letter and the rest of the page lands. A record is the outermost object with an {@code id} (the answer
 * itself for a single object).
 */
public final class InvalidUtf8 {

    /**
     * The field added to a record whose text came with bytes that are not UTF-8 (read as U+FFFD): the fields concerned.
     * The sync keeps such a record as a dead letter; replaying it accepts the replaced text.
     */
    public static final String MARK = "_invalid_utf8";

    private static final char REPLACEMENT = '\uFFFD';

    private InvalidUtf8() {}

    /** The answer read with its invalid bytes replaced and its records marked; null when the bytes are valid UTF-8. */
    static JsonNode repair(ObjectMapper json, byte[] body) throws IOException {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            strict.decode(ByteBuffer.wrap(body));
            return null;
        } catch (CharacterCodingException invalid) {
            CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
            CharBuffer text = lenient.decode(ByteBuffer.wrap(body));
            JsonNode node = json.readTree(text.toString());
            if (node != null && node.has("id")) {
                mark(node, "");
            } else if (node != null) {
                markRecordsUnder(node);
            }
            return node;
        }
    }

    private static void markRecordsUnder(JsonNode node) {
        for (JsonNode child : node) {
            if (child.isObject() && child.has("id")) {
                mark(child, "");
            } else if (child.isContainerNode()) {
                markRecordsUnder(child);
            }
        }
    }

    private static void mark(JsonNode record, String prefix) {
        List<String> fields = new ArrayList<>();
        collect(record, prefix, fields);
        if (!fields.isEmpty() && record instanceof ObjectNode object) {
            ArrayNode names = object.putArray(MARK);
            fields.forEach(names::add);
        }
    }

    private static void collect(JsonNode node, String path, List<String> fields) {
        if (node.isTextual() && node.textValue().indexOf(REPLACEMENT) >= 0) {
            fields.add(path);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), fields);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", fields);
            }
        }
    }
}
