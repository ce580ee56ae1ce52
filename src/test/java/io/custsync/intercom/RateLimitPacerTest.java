package io.custsync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pacer against a clock it does not own: each wait it asks for moves the clock on by as much, so a test sees
 * exactly which calls wait, and how long.
 */
class RateLimitPacerTest {

    private static final long NOW = 1_700_000_000_000L; // a whole second
    private static final long MAX_WAIT = 60_000;

    /** A clock moved by hand, and the waits that move it. */
    private static final class Time extends Clock implements CallWaits {
        long millis = NOW;
        final List<Long> pauses = new ArrayList<>();

        @Override public long millis() { return millis; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public boolean isStopping() { return false; }
        @Override public void check() {}
        @Override public void pause(long ms) {
            pauses.add(ms);
            millis += ms;
        }
    }

    private final Time time = new Time();

    private RateLimitPacer pacer(int reserve) {
        return new RateLimitPacer(time, reserve, MAX_WAIT, time);
    }

    private static long second(long plusMillis) {
        return (NOW + plusMillis) / 1000;
    }

    static Stream<Arguments> budgets() {
        return Stream.of(
                // reserve, remaining as Intercom said, reset in ms from now, calls → calls made at once, then the wait
                Arguments.of(0, 3, 10_000, 4, 3, 10_050),
                Arguments.of(2, 3, 10_000, 2, 1, 10_050),
                Arguments.of(0, 0, 4_000, 1, 0, 4_050),
                Arguments.of(0, 100, 10_000, 100, 100, -1),
                // A reset further away than the longest wait allowed is held to it: a bad header never holds the flows for good.
                Arguments.of(0, 0, 3_600_000, 1, 0, MAX_WAIT + 50));
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void callsGoAtOnceWhileTheWindowHasRoomThenWaitPastItsReset(int reserve, long remaining, long resetIn, int calls, int atOnce,
                                                                long wait) throws InterruptedException {
        RateLimitPacer pacer = pacer(reserve);
        pacer.record(1000L, remaining, second(resetIn));
        for (int i = 0; i < calls; i++) {
            pacer.acquire();
            if (i < atOnce) {
                assertThat(time.pauses).as("call %d", i + 1).isEmpty();
            }
        }
        assertThat(time.pauses).isEqualTo(wait < 0 ? List.of() : List.of(wait));
    }

    @Test
    void withoutAnAnswerYetNothingWaits() throws InterruptedException {
        RateLimitPacer pacer = pacer(0);
        for (int i = 0; i < 1000; i++) {
            pacer.acquire();
        }
        assertThat(time.pauses).isEmpty();
        assertThat(pacer.limit()).isEqualTo(-1);
    }

    @Test
    void aRateLimitedAnswerSpendsTheWindowWhateverWasCounted() throws InterruptedException {
        RateLimitPacer pacer = pacer(0);
        pacer.record(1000L, 500L, second(10_000));
        pacer.exhausted(second(2_000));
        // The later of the two resets holds: the window counted ends at 10 s.
        pacer.acquire();
        assertThat(time.pauses).containsExactly(10_050L);
    }

    @Test
    void aStaleAnswerOfTheSameWindowDoesNotRaiseTheBudget() throws InterruptedException {
        RateLimitPacer pacer = pacer(0);
        pacer.record(1000L, 5L, second(10_000));
        pacer.acquire();
        pacer.record(1000L, 8L, second(10_000)); // an answer sent before the one above, arriving after it
        assertThat(pacer.remaining()).isEqualTo(4);
        pacer.record(1000L, 2L, second(10_000));
        assertThat(pacer.remaining()).isEqualTo(2);
        // The next window's first answer sets the budget anew.
        pacer.record(1000L, 999L, second(20_000));
        assertThat(pacer.remaining()).isEqualTo(999);
        assertThat(pacer.limit()).isEqualTo(1000);
    }

    @Test
    void anAnswerWithoutRateLimitHeadersChangesNothing() {
        RateLimitPacer pacer = pacer(0);
        pacer.record(1000L, 7L, second(10_000));
        pacer.record(null, null, null);
        pacer.record(500L, null, second(20_000));
        assertThat(pacer.remaining()).isEqualTo(7);
        assertThat(pacer.limit()).isEqualTo(1000);
    }
}
