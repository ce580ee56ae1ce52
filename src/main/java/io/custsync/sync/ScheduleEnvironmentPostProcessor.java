package io.custsync.sync;

import io.custsync.mapping.Flow;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quartz.CronExpression;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns each flow's schedule ({@code sync.schedules.<flow>.interval-minutes} or {@code .cron}) into the
 * Quartz endpoint options its route uses as {@code {{sync.flows.<flow>.trigger}}}. A bad schedule stops
 * start-up naming the setting.
 */
public class ScheduleEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final int DEFAULT_INTERVAL_MINUTES = 15;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> triggers = new LinkedHashMap<>();
        // In a cluster a stopping node must leave the shared jobs in place for the others.
        boolean clustered = Boolean.parseBoolean(environment.getProperty("sync.cluster.enabled", "false").trim());
        triggers.put("sync.quartz.delete-job", !clustered);
        for (Flow flow : Flow.values()) {
            triggers.put("sync.flows." + flow.id() + ".trigger", trigger(environment, flow.id()) + "&deleteJob=" + !clustered);
        }
        environment.getPropertySources().addLast(new MapPropertySource("sync-schedules", triggers));
    }

    static String trigger(ConfigurableEnvironment environment, String flow) {
        String prefix = "sync.schedules." + flow + ".";
        String cron = environment.getProperty(prefix + "cron", "").trim();
        if (!cron.isEmpty()) {
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException(prefix + "cron: '" + cron + "' is not a valid Quartz cron expression "
                        + "(seconds minutes hours day-of-month month day-of-week, e.g. '0 0/15 * * * ?')");
            }
            return "cron=" + cron.replace(' ', '+');
        }
        String interval = environment.getProperty(prefix + "interval-minutes", String.valueOf(DEFAULT_INTERVAL_MINUTES)).trim();
        long minutes;
        try {
            minutes = Long.parseLong(interval);
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 1 || minutes > 7 * 24 * 60) {
            throw new IllegalArgumentException(prefix + "interval-minutes: '" + interval + "' is not a whole number of minutes from 1 to 10080");
        }
        // The first fire comes shortly after start-up; stateful keeps a flow from overlapping its own previous run.
        return "trigger.repeatInterval=" + (minutes * 60_000) + "&trigger.repeatCount=-1";
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
