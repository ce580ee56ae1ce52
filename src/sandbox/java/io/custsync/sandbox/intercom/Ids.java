package io.custsync.sandbox.intercom;

/**
 * Reversible id codecs. Contacts and companies get Intercom-like 24-hex ids that decode back to the
 * record index, so a lookup by id never needs an index structure over a million lazily generated rows.
 */
final class Ids {
    private static final long MUL = 0x9E3779B97F4A7C15L; // odd ⇒ invertible mod 2^64
    private static final long MUL_INV = inverse(MUL);
    static final long CONVERSATION_BASE = 215_000_000_000_000L;
    static final long TICKET_BASE = 900_000L;

    private final long key;
    private final String contactPrefix;
    private final String companyPrefix;

    Ids(long seed) {
        this.key = mix(seed ^ 0x5DEECE66DL);
        this.contactPrefix = String.format("%08x", (mix(seed + 1) >>> 33) | 0x60000000L).substring(0, 8);
        this.companyPrefix = String.format("%08x", (mix(seed + 2) >>> 33) | 0x50000000L).substring(0, 8);
    }

    String contactId(long idx) { return contactPrefix + hex16(idx, key); }
    String companyId(long idx) { return companyPrefix + hex16(idx, ~key); }
    long contactIdx(String id) { return decode(id, contactPrefix, key); }
    long companyIdx(String id) { return decode(id, companyPrefix, ~key); }

    static String conversationId(long idx) { return Long.toString(CONVERSATION_BASE + idx); }
    static long conversationIdx(String id) { return decodeNumeric(id, CONVERSATION_BASE); }
    static String ticketId(long idx) { return Long.toString(TICKET_BASE + idx); }
    static long ticketIdx(String id) { return decodeNumeric(id, TICKET_BASE); }

    private static String hex16(long idx, long key) {
        return String.format("%016x", (idx * MUL) ^ key);
    }

    private static long decode(String id, String prefix, long key) {
        if (id == null || id.length() != 24 || !id.startsWith(prefix)) {
            return -1;
        }
        try {
            return (Long.parseUnsignedLong(id.substring(8), 16) ^ key) * MUL_INV;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long decodeNumeric(String id, long base) {
        try {
            long v = Long.parseLong(id) - base;
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long inverse(long a) {
        long x = a; // Newton iteration for the inverse modulo 2^64
        for (int i = 0; i < 6; i++) {
            x *= 2 - a * x;
        }
        return x;
    }
}
