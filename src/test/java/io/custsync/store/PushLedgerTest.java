package io.custsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger's hashes: what "the value we last wrote or agreed on" is compared by. Pure: no store. */
class PushLedgerTest {

    static Stream<Arguments> textValues() {
        return Stream.of(
                // value as text → SHA-256 of that text, in lower-case hex
                Arguments.of("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Arguments.of("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                Arguments.of("null", "74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b"),
                // null has a hash of its own (clearing a field is remembered), unlike "" or the word null
                Arguments.of(null, "b018d21dce8b6a938aecc2bb5ffdef6c1cd0d821f0f282c0eb96a08a36ef7bfe"));
    }

    @ParameterizedTest
    @MethodSource("textValues")
    void aTextValueHashesAsItsText(String value, String expected) {
        assertThat(PushLedger.hash(value)).isEqualTo(expected);
    }

    static Stream<Arguments> jsonValues() {
        return Stream.of(
                // value as sent → SHA-256 of its JSON text
                Arguments.of(TextNode.valueOf("abc"), "6cc43f858fbb763301637b5af970e2a46b46f461f27e5a0f41e009c59b827b25"),
                Arguments.of(NullNode.getInstance(), "74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b"),
                Arguments.of(IntNode.valueOf(72), "8722616204217eddb39e7df969e0698aed8e599ba62ed2de1ce49b03ade0fede"),
                Arguments.of(LongNode.valueOf(72), "8722616204217eddb39e7df969e0698aed8e599ba62ed2de1ce49b03ade0fede"),
                Arguments.of(JsonNodeFactory.instance.booleanNode(true), "b5bea41b6c623f7c09f1bf24dcae58ebab3c0cdd90ad966bc43a45b44867e12b"));
    }

    @ParameterizedTest
    @MethodSource("jsonValues")
    void aJsonValueHashesAsItsJsonText(JsonNode value, String expected) {
        assertThat(PushLedger.hash(value)).isEqualTo(expected);
    }

    @Test
    void valuesThatDifferOnlyInTypeOrFormHashApart() {
        assertThat(PushLedger.hash(TextNode.valueOf("72"))).isNotEqualTo(PushLedger.hash(IntNode.valueOf(72)));
        assertThat(PushLedger.hash(DoubleNode.valueOf(72.5))).isNotEqualTo(PushLedger.hash(DoubleNode.valueOf(72.0)));
        // The text form of a string value and the JSON form of the same string are different keys of the ledger.
        assertThat(PushLedger.hash("abc")).isNotEqualTo(PushLedger.hash(TextNode.valueOf("abc")));
        assertThat(PushLedger.hash((String) null)).isNotEqualTo(PushLedger.hash(NullNode.getInstance()));
    }
}
