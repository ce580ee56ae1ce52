package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A push page's writes in sObject Collections calls: at most 200 records a call, upserts and updates apart. */
class SalesforceBatchesTest {

    /** Writes named by their kind's letter and a number: u = upsert by one external id, i = update by Id. */
    private static List<String> writes(String... kindsAndCounts) {
        List<String> writes = new ArrayList<>();
        for (String run : kindsAndCounts) {
            String kind = run.substring(0, 1);
            int count = Integer.parseInt(run.substring(1));
            IntStream.range(0, count).forEach(i -> writes.add(kind + writes.size()));
        }
        return writes;
    }

    private static List<String> shape(List<List<String>> calls) {
        return calls.stream().map(call -> call.get(0).charAt(0) + String.valueOf(call.size())).toList();
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                // the page's writes in order (kind and how many) → the calls (kind and size), in order
                Arguments.of(new String[] {}, List.of()),
                Arguments.of(new String[] {"u1"}, List.of("u1")),
                Arguments.of(new String[] {"u200"}, List.of("u200")),
                Arguments.of(new String[] {"u201"}, List.of("u200", "u1")),
                Arguments.of(new String[] {"u450"}, List.of("u200", "u200", "u50")),
                Arguments.of(new String[] {"u3", "i2", "u4"}, List.of("u7", "i2")),
                Arguments.of(new String[] {"u150", "i10", "u150", "i195"}, List.of("u200", "i200", "u100", "i5")));
    }

    @ParameterizedTest
    @MethodSource("pages")
    void writesGoInCallsOfAtMost200OfOneKind(String[] page, List<String> calls) {
        List<String> writes = writes(page);
        List<List<String>> batches = SalesforcePush.collections(writes, w -> w.substring(0, 1), SalesforcePush.COLLECTION_LIMIT);
        assertThat(shape(batches)).isEqualTo(calls);
        // Every write is sent once, and each kind's writes keep their order.
        assertThat(batches.stream().flatMap(List::stream).sorted().toList()).isEqualTo(writes.stream().sorted().toList());
        for (String kind : List.of("u", "i")) {
            assertThat(batches.stream().flatMap(List::stream).filter(w -> w.startsWith(kind)).toList())
                    .isEqualTo(writes.stream().filter(w -> w.startsWith(kind)).toList());
        }
    }

    @Test
    void aFullCallIsFollowedByTheNextOfItsKindWhereverItStands() {
        List<List<String>> calls = SalesforcePush.collections(Arrays.asList("a1", "a2", "b1", "a3", "b2", "b3"),
                w -> w.substring(0, 1), 2);
        assertThat(calls).containsExactly(List.of("a1", "a2"), List.of("b1", "b2"), List.of("a3"), List.of("b3"));
    }
}
