package io.custsync.sandbox.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A simulator run on its own (benchmarks, curl): its options, and a life until the JVM is told to stop. */
public final class Standalone {

    private Standalone() {
    }

    /**
     * Options as {@code --key=value} arguments, over system properties {@code <prefix>key} ({@code --flag} alone is
     * the empty value).
     */
    public static Map<String, String> options(String[] args, String propertyPrefix) {
        Map<String, String> options = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(propertyPrefix)) {
                options.put(k.toString().substring(propertyPrefix.length()), v.toString());
            }
        });
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return options;
    }

    /** Blocks until the JVM stops (Ctrl-C, SIGTERM), and closes the simulator on the way out. */
    public static void serveUntilStopped(AutoCloseable simulator) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (Exception e) {
                // The JVM is stopping anyway.
            } finally {
                stop.countDown();
            }
        }));
        stop.await();
    }
}
