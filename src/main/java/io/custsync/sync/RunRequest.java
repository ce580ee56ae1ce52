package io.custsync.sync;

import java.util.Map;
import org.apache.camel.Exchange;

/**
 * What a fire of a flow's job asks of its run, as the job's data: a dry run, or the replay of one dead letter.
 * Whoever fires the job (operations: run now, dry runs, replays) writes these entries; camel-quartz hands them to the
 * route as the header {@value #JOB_DATA}, where {@link SyncRuns} reads them when the run begins.
 */
public final class RunRequest {

    /** The header camel-quartz puts the fire's job data in. */
    public static final String JOB_DATA = "mergedJobDataMap";
    public static final String DRY_RUN = "dryRun";
    /** Job data of a replay run: the dead letter, and the local row the push sends again. */
    public static final String REPLAY_LETTER = "replayLetter";
    public static final String REPLAY_LOCAL_ID = "replayLocalId";

    /** A push run that replays one dead letter: the letter, and the local row it is about. */
    public record Replay(long letter, long localId) {}

    private RunRequest() {}

    /** Whether the fire behind this exchange asked for a dry run. */
    public static boolean dryRun(Exchange exchange) {
        return exchange.getIn().getHeader(JOB_DATA) instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get(DRY_RUN));
    }

    /** The replay the fire behind this exchange asked for, or null. */
    public static Replay replay(Exchange exchange) {
        if (exchange.getIn().getHeader(JOB_DATA) instanceof Map<?, ?> map && map.get(REPLAY_LETTER) instanceof Number letter
                && map.get(REPLAY_LOCAL_ID) instanceof Number local) {
            return new Replay(letter.longValue(), local.longValue());
        }
        return null;
    }

    /** A fire asked for by someone ("run now", a dry run, a replay, a waiting flow), not by the schedule. */
    static boolean manual(Exchange exchange) {
        return exchange.getIn().getHeader(JOB_DATA) instanceof Map<?, ?> data && data.containsKey(DRY_RUN);
    }
}
