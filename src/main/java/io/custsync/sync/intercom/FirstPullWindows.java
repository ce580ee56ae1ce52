package io.custsync.sync.intercom;

import io.custsync.sync.Flow;
import io.custsync.mapping.Mappings;
import io.custsync.store.SyncRunStore;
import io.custsync.store.Checkpoints;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first-pull windows of the windowed reads (conversations, tickets). {@code first-pull-days} only shapes a flow's
 * very first run, so raising it later changes nothing: start-up says so, naming the flow and the setting, and an
 * operator re-pulls the wider window on purpose ({@link #repull}, {@code POST /api/sync/{flow}/repull}).
 */
@Component
public class FirstPullWindows {

    /** A raised setting is reported once it reaches this much further back than the reads did (not for rounding). */
    static final Duration TOLERANCE = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(FirstPullWindows.class);

    private final List<WindowedSearchRead> flows;
    private final Checkpoints checkpoints;
    private final Mappings mappings;
    private final SyncRunStore history;

    FirstPullWindows(List<WindowedSearchRead> flows, Checkpoints checkpoints, Mappings mappings, SyncRunStore history) {
        this.flows = flows;
        this.checkpoints = checkpoints;
        this.mappings = mappings;
        this.history = history;
    }

    /** The flow's setting, its days and how far its reads reach, for the status page; empty for a flow without a window. */
    public Optional<Map<String, Object>> describe(String flowId) {
        return flow(flowId).map(flow -> {
            Checkpoints.Window window = checkpoints.window(flowId);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("setting", flow.firstPullSetting());
            d.put("days", flow.firstPull().toDays());
            d.put("readFrom", window.readFrom() == null ? null : window.readFrom().toString());
            d.put("repullFrom", window.repullFrom() == null ? null : window.repullFrom().toString());
            return d;
        });
    }

    /** Whether the flow has a first-pull window that a re-pull can widen. */
    public boolean hasWindow(String flowId) {
        return flow(flowId).isPresent();
    }

    /** The flow's next run reads back {@code days} from now (whatever its checkpoint); returns where it will start. */
    public Instant repull(String flowId, int days) {
        WindowedSearchRead flow = flow(flowId).orElseThrow(() -> new IllegalArgumentException(flowId + " has no first-pull window"));
        Instant from = Instant.now().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
        checkpoints.requestRepull(flow.flow().id(), from);
        log.info("Flow {}: re-pull of the last {} days requested; its next run reads back to {}", flowId, days, from);
        return from;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warnAboutRaisedSettings() {
        for (WindowedSearchRead flow : flows) {
            if (!flow.flow().enabledBy(mappings)) {
                continue;
            }
            Checkpoints.Window window = checkpoints.window(flow.flow().id());
            if (window.checkpoint() == null) {
                continue; // no complete run yet: the first one reads the configured window
            }
            Instant readFrom = window.readFrom();
            if (readFrom == null) {
                // Reads from before the reach was kept: take it that the setting has not changed since the first run.
                readFrom = history.firstSucceeded(flow.flow().id()).orElse(window.checkpoint()).minus(flow.firstPull());
                checkpoints.assumeReadFrom(flow.flow().id(), readFrom);
                continue;
            }
            Instant wanted = Instant.now().minus(flow.firstPull());
            boolean asked = window.repullFrom() != null && !window.repullFrom().isAfter(wanted.plus(TOLERANCE));
            if (wanted.isBefore(readFrom.minus(TOLERANCE)) && !asked) {
                long days = flow.firstPull().toDays();
                log.warn("Flow {}: {} is {} days, but the flow has read back only to {} (its first run used a shorter window). "
                                + "The setting shapes the first run only, so raising it has no effect on its own. To read the older "
                                + "window once: POST /api/sync/{}/repull with {\"days\": {}} (admin), or Re-pull on the status page.",
                        flow.flow().id(), flow.firstPullSetting(), days, readFrom.truncatedTo(ChronoUnit.SECONDS), flow.flow().id(), days);
            }
        }
    }

    private Optional<WindowedSearchRead> flow(String flowId) {
        return flows.stream().filter(f -> f.flow().id().equals(flowId)).findFirst();
    }
}
