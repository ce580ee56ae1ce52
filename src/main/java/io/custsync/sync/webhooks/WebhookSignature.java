package io.custsync.sync.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Intercom's webhook signature: {@code X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body, keyed with the app's
 * client secret>}. Checked on the bytes as received, before anything parses them, and compared in constant time so
 * the answer's timing tells a forger nothing about how much of a guess was right.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha1=";

    private WebhookSignature() {
    }

    public static boolean verify(byte[] body, String header, String secret) {
        if (header == null || secret == null || secret.isEmpty() || body == null) {
            return false;
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()).toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha1(body, secret), given);
    }

    /** The value Intercom sends for {@code body}: for tests and the sandbox's deliveries. */
    public static String header(byte[] body, String secret) {
        return PREFIX + HexFormat.of().formatHex(hmacSha1(body, secret));
    }

    private static byte[] hmacSha1(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }
}
