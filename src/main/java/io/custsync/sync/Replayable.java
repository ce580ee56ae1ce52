package io.custsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.sync.PageWriter.Outcome;

/** A flow whose dead letters can be replayed: the kept record goes through the same mapping and write again. */
public interface Replayable {

    /** The flow whose dead letters this replays. */
    Flow flow();

    /** Maps and writes one kept record, inside the caller's transaction; throws as a live run would. */
    Outcome replay(SyncRun run, JsonNode record);
}
