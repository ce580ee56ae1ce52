package io.custsync.sync;

import org.quartz.CronExpression;
import org.springframework.core.env.Environment;

/**
 * A flow's schedule: {@code sync.schedules.<flow>.cron} if set, else {@code sync.schedules.<flow>.interval-minutes},
 * else the {@code every} its route declares. A bad setting stops start-up naming it.
 *
 * @param cron    the Quartz cron, or null when the flow runs at an interval
 * @param minutes the interval, when there is no cron
 */
record ScheduleSettings(String cron, long minutes) {

    static final int MAX_MINUTES = 7 * 24 * 60;

    static ScheduleSettings of(Environment environment, Flow flow, int everyMinutes) {
        String prefix = "sync.schedules." + flow.id() + ".";
        String cron = environment.getProperty(prefix + "cron", "").trim();
        if (!cron.isEmpty()) {
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException(prefix + "cron: '" + cron + "' is not a valid Quartz cron expression "
                        + "(seconds minutes hours day-of-month month day-of-week, e.g. '0 0/15 * * * ?')");
            }
            return new ScheduleSettings(cron, 0);
        }
        String interval = environment.getProperty(prefix + "interval-minutes", String.valueOf(everyMinutes)).trim();
        long minutes;
        try {
            minutes = Long.parseLong(interval);
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException(prefix + "interval-minutes: '" + interval + "' is not a whole number of minutes from 1 to " + MAX_MINUTES);
        }
        return new ScheduleSettings(null, minutes);
    }

    /** The Quartz endpoint options. */
    String trigger() {
        // The first fire comes shortly after start-up; stateful keeps a flow from overlapping its own previous run.
        return cron != null ? "cron=" + cron.replace(' ', '+') : "trigger.repeatInterval=" + (minutes * 60_000) + "&trigger.repeatCount=-1";
    }

    /** The schedule as the status page shows it. */
    String describe() {
        return cron != null ? "cron " + cron : "every " + minutes + " min";
    }
}
