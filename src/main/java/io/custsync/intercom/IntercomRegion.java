package io.custsync.intercom;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Intercom's data-hosting regions and their API hosts. */
public enum IntercomRegion {
    US("https://api.intercom.io"),
    EU("https://api.eu.intercom.io"),
    AU("https://api.au.intercom.io");

    private final String baseUrl;

    IntercomRegion(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The region named in config; a wrong name is a start-up error naming the setting. */
    public static IntercomRegion of(String name) {
        for (IntercomRegion region : values()) {
            if (region.name().equalsIgnoreCase(name.trim())) {
                return region;
            }
        }
        throw new IllegalArgumentException("sync.intercom.region (INTERCOM_REGION): unknown region '" + name + "' (allowed: "
                + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
    }
}
