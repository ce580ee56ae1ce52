package io.custsync.sync;

import org.quartz.CronExpression;
import org.springframework.core.env.Environment;

/**
 * A flow's schedule as Quartz endpoint options: {@code sync.schedules.<flow>.cron} if set, else
 * {@code sync.schedules.<flow>.interval-minutes}, else the {@code every} its route declares. A bad setting
 * stops start-up naming it.
 */
final class ScheduleSettings {

    static final int MAX_MINUTES = 7 * 24 * 60;

    private ScheduleSettings() {
    }

    /** The schedule as the status page shows it. */
    static String describe(Environment environment, Flow flow, int everyMinutes) {
        String prefix = "sync.schedules." + flow.id() + ".";
        String cron = environment.getProperty(prefix + "cron", "").trim();
        return cron.isEmpty() ? "every " + environment.getProperty(prefix + "interval-minutes", String.valueOf(everyMinutes)).trim() + " min"
                : "cron " + cron;
    }

    static String trigger(Environment environment, Flow flow, int everyMinutes) {
        String prefix = "sync.schedules." + flow.id() + ".";
        String cron = environment.getProperty(prefix + "cron", "").trim();
        if (!cron.isEmpty()) {
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException(prefix + "cron: '" + cron + "' is not a valid Quartz cron expression "
                        + "(seconds minutes hours day-of-month month day-of-week, e.g. '0 0/15 * * * ?')");
            }
            return "cron=" + cron.replace(' ', '+');
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
        // The first fire comes shortly after start-up; stateful keeps a flow from overlapping its own previous run.
        return "trigger.repeatInterval=" + (minutes * 60_000) + "&trigger.repeatCount=-1";
    }
}
