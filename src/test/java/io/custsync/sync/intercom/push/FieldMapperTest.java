package io.custsync.sync.intercom.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.custsync.mapping.Mappings;
import io.custsync.store.PushLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Store columns → Intercom fields as mappings.yaml names them, and which of them a push sends. */
class FieldMapperTest {

    private static final Set<String> STANDARD = Set.of("name", "website", "company_id");
    private static final Map<String, String> COLUMNS = Map.of("name", "name", "domain", "domain", "stage", "stage", "profile", "profile");

    @TempDir
    Path dir;

    private FieldMapper mapper(String name, String domain, String stage, String profile) throws IOException {
        Path file = dir.resolve("mappings.yaml");
        Files.writeString(file, """
                objects:
                  customers:
                    intercom:
                      fields:
                        name: %s
                        domain: %s
                        stage: %s
                        profile: %s
                """.formatted(name, domain, stage, profile));
        return new FieldMapper(Mappings.load(file), "customers", COLUMNS, STANDARD, Set.of("company_id"));
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                // the mapping's Intercom field for the column stage → its path in Intercom (null: not sent), custom attributes
                Arguments.of("tier", "custom_attributes.tier", Map.of("tier", "objects.customers.intercom.fields.stage")),
                Arguments.of("custom_attributes.tier", "custom_attributes.tier", Map.of("tier", "objects.customers.intercom.fields.stage")),
                Arguments.of("website", "website", Map.of()),
                Arguments.of("disabled", null, Map.of()),
                // The match key is Intercom's to keep: matched on, never written.
                Arguments.of("company_id", null, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void aFieldIsStandardByItsNameAndACustomAttributeOtherwise(String field, String path, Map<String, String> custom) throws IOException {
        FieldMapper mapper = mapper("name", "disabled", field, "disabled");
        Map<String, JsonNode> values = mapper.values(Map.of("name", "Acme", "domain", "acme.test", "stage", "Gold"));
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        expected.put("name", TextNode.valueOf("Acme"));
        if (path != null) {
            expected.put(path, TextNode.valueOf("Gold"));
        }
        assertThat(values).isEqualTo(expected);
        assertThat(mapper.customAttributes()).isEqualTo(custom);
    }

    @Test
    void valuesAreTextAndAMissingValueIsJsonNull() throws IOException {
        FieldMapper mapper = mapper("name", "website", "tier", "segment");
        Map<String, Object> row = new HashMap<>();
        row.put("name", "Acme");
        row.put("domain", null);
        row.put("stage", 3);
        assertThat(mapper.values(row)).containsExactlyInAnyOrderEntriesOf(Map.of("name", TextNode.valueOf("Acme"),
                "website", NullNode.getInstance(), "custom_attributes.tier", TextNode.valueOf("3"),
                "custom_attributes.segment", NullNode.getInstance()));
    }

    static Stream<Arguments> changes() {
        JsonNode gold = TextNode.valueOf("Gold");
        JsonNode none = NullNode.getInstance();
        return Stream.of(
                // value, the ledger's hash of the field (null: never pushed) → sent
                Arguments.of("never pushed", gold, null, true),
                Arguments.of("pushed with another value", gold, PushLedger.hash(TextNode.valueOf("Silver")), true),
                Arguments.of("pushed with this value", gold, PushLedger.hash(gold), false),
                Arguments.of("empty and never pushed: nothing in Intercom to clear", none, null, false),
                Arguments.of("emptied since it was pushed: cleared", none, PushLedger.hash(gold), true),
                Arguments.of("empty as pushed", none, PushLedger.hash(none), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void onlyValuesWhoseHashDiffersFromTheLedgerAreSent(String name, JsonNode value, String pushedHash, boolean sent) {
        Map<String, String> pushed = pushedHash == null ? Map.of() : Map.of("custom_attributes.tier", pushedHash);
        Map<String, String> hashes = new HashMap<>();
        Map<String, JsonNode> changed = FieldMapper.changed(Map.of("custom_attributes.tier", value), pushed, hashes);
        assertThat(changed).isEqualTo(sent ? Map.of("custom_attributes.tier", value) : Map.of());
        assertThat(hashes).isEqualTo(sent ? Map.of("custom_attributes.tier", PushLedger.hash(value)) : Map.of());
    }

    @Test
    void hashesAreTheLedgersOfEachValue() {
        assertThat(FieldMapper.hashes(Map.of("name", TextNode.valueOf("Acme"), "website", NullNode.getInstance())))
                .isEqualTo(Map.of("name", PushLedger.hash(TextNode.valueOf("Acme")), "website", PushLedger.hash(NullNode.getInstance())));
    }

    @Test
    void customAttributesNestInTheBody() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("name", TextNode.valueOf("Acme"));
        values.put("custom_attributes.tier", TextNode.valueOf("Gold"));
        values.put("custom_attributes.segment", NullNode.getInstance());
        assertThat(FieldMapper.body(values).toString())
                .isEqualTo("{\"name\":\"Acme\",\"custom_attributes\":{\"tier\":\"Gold\",\"segment\":null}}");
    }
}
