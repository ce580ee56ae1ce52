package io.custsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one page of source records in one transaction, together with whatever must move with it (the
 * checkpoint). A record that cannot be written is rolled back alone (savepoint) and kept as a dead letter;
 * the rest of the page lands, and the open dead letters of the records that went through are resolved with the page.
 * That holds for any exception the mapping of one record throws (a bad value, a date no clock reaches, a bug), not
 * only the foreseen ones: one record never fails its page on every run. If the store itself fails, or the service
 * is stopping, the whole page rolls back, checkpoint included.
 * <p>
 * Flows that can write a whole page in a few multi-row statements ({@link #writePage}) do so first; only when
 * that is refused is the page written again record by record, each in its savepoint, so that a bad record
 * costs its page the slow path and nothing else.
 */
@Component
public class PageWriter {

    /** What writing one record did. */
    public enum Outcome { WRITTEN, UNCHANGED, FILTERED }

    public interface RecordWrite extends Function<JsonNode, Outcome> {}

    /** Writes several records at once; returns their outcomes in the order given. */
    public interface PageWrite extends Function<List<JsonNode>, List<Outcome>> {}

    private static final Logger log = LoggerFactory.getLogger(PageWriter.class);

    private final TransactionTemplate transactions;
    private final DeadLetters deadLetters;

    public PageWriter(TransactionTemplate transactions, DeadLetters deadLetters) {
        this.transactions = transactions;
        this.deadLetters = deadLetters;
    }

    /**
     * @param idField   the record's id field, for the dead letter
     * @param afterPage runs last in the same transaction (e.g. moves the checkpoint); may be null
     */
    public void write(SyncRun run, String object, String idField, Iterable<JsonNode> records, RecordWrite write, Runnable afterPage) {
        transactions.executeWithoutResult(status -> {
            List<String> clean = new ArrayList<>();
            for (JsonNode record : records) {
                run.read(1);
                if (writeOne(run, object, idField, record, write, status) && record.hasNonNull(idField)) {
                    clean.add(record.path(idField).asText());
                }
            }
            deadLetters.resolve(run, object, clean);
            if (afterPage != null) {
                afterPage.run();
            }
        });
    }

    /**
     * The page in one go ({@code write} given all its records); if that is refused (a bad record, a row the
     * store rejects), the same page record by record ({@code write} given one record at a time), as
     * {@link #write(SyncRun, String, String, Iterable, RecordWrite, Runnable)} does.
     */
    public void writePage(SyncRun run, String object, String idField, List<JsonNode> records, PageWrite write, Runnable afterPage) {
        if (records.size() > 1) {
            try {
                List<Outcome> outcomes = transactions.execute(status -> {
                    records.forEach(JsonRecord::requireValidText);
                    List<Outcome> done = write.apply(records);
                    deadLetters.resolve(run, object, records.stream().filter(r -> r.hasNonNull(idField))
                            .map(r -> r.path(idField).asText()).toList());
                    if (afterPage != null) {
                        afterPage.run();
                    }
                    return done;
                });
                run.read(records.size());
                outcomes.forEach(outcome -> count(run, outcome));
                return;
            } catch (RuntimeException e) {
                if (!isRecordsFault(e)) {
                    throw e;
                }
                log.info("{}: a page of {} {} could not be written at once ({}); writing it record by record",
                        run.flow(), records.size(), object, reason(e));
            }
        }
        write(run, object, idField, records, record -> write.apply(List.of(record)).get(0), afterPage);
    }

    /** @return whether the record went through (else it is a dead letter now) */
    private boolean writeOne(SyncRun run, String object, String idField, JsonNode record, RecordWrite write, TransactionStatus status) {
        Object savepoint = status.createSavepoint();
        try {
            JsonRecord.requireValidText(record);
            count(run, write.apply(record));
            status.releaseSavepoint(savepoint);
            return true;
        } catch (RuntimeException e) {
            if (!isRecordsFault(e)) {
                throw e; // the store is failing, or the service stopping, not the record: the page must be read again
            }
            status.rollbackToSavepoint(savepoint);
            keep(run, object, idField, record, e);
            return false;
        }
    }

    /**
     * A record the flow could not even get to its page write (e.g. its search entry cannot be judged): kept as a
     * dead letter in a transaction of its own, counted as read.
     */
    public void reject(SyncRun run, String object, String idField, JsonNode record, RuntimeException failure) {
        if (!isRecordsFault(failure)) {
            throw failure;
        }
        run.read(1);
        transactions.executeWithoutResult(status -> keep(run, object, idField, record, failure));
    }

    private void keep(SyncRun run, String object, String idField, JsonNode record, RuntimeException e) {
        String reason = reason(e);
        log.warn("{} {} {} could not be stored and is kept as a dead letter: {}", run.flow(), object, record.path(idField).asText(null), reason);
        deadLetters.addRecord(run, object, idField, record, errorCode(e), reason);
    }

    /** Whether the failure is the record's (kept aside) rather than the store's or the run's (the page fails). */
    private static boolean isRecordsFault(RuntimeException e) {
        return !(e instanceof TransientDataAccessException || e instanceof RunsInFlight.Stopping);
    }

    private static String errorCode(RuntimeException e) {
        return e instanceof BadRecordException ? "bad_record" : e instanceof DataAccessException ? "store_rejected" : "mapping_failed";
    }

    /** The field and what is wrong with it; for an unforeseen exception, its type and message (the mapper's bug or a value it cannot take). */
    private static String reason(RuntimeException e) {
        if (e instanceof BadRecordException) {
            return e.getMessage();
        }
        if (e instanceof DataAccessException) {
            return rootMessage(e);
        }
        return "mapping failed: " + e.getClass().getSimpleName() + ": " + rootMessage(e);
    }

    private static void count(SyncRun run, Outcome outcome) {
        switch (outcome) {
            case WRITTEN -> run.written(1);
            case UNCHANGED, FILTERED -> run.skipped(1);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
