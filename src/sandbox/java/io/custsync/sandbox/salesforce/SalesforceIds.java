package io.custsync.sandbox.salesforce;

/**
 * Salesforce record ids: 3-char key prefix, 2-char pod, 1 reserved char, 9 base-62 digits, then the
 * 3-char case-safe suffix that lets case-insensitive systems tell {@code 001..aB} from {@code 001..Ab}.
 *
 * <p>The sandbox encodes a record's row index in the 9 digits, so an id can be turned back into a row
 * without any index structure (which is what lets the store hold a million rows lazily).
 */
public final class SalesforceIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String POD = "Hs0";

    private SalesforceIds() {
    }

    /** 18-char id for the given key prefix and sequence number (sequence >= 0). */
    public static String of(String keyPrefix, long sequence) {
        StringBuilder digits = new StringBuilder(9);
        long n = sequence;
        for (int i = 0; i < 9; i++) {
            digits.append(BASE62.charAt((int) (n % 62)));
            n /= 62;
        }
        String id15 = keyPrefix + POD + digits.reverse();
        return id15 + suffix(id15);
    }

    /** The case-safe suffix of a 15-char id. */
    public static String suffix(String id15) {
        StringBuilder out = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int j = 0; j < 5; j++) {
                char c = id15.charAt(chunk * 5 + j);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << j;
                }
            }
            out.append(SUFFIX_CHARS.charAt(flags));
        }
        return out.toString();
    }

    /**
     * Normalises a 15- or 18-char id to its 18-char form, or returns null when the text is not a
     * well-formed id (Salesforce then answers MALFORMED_ID / "invalid ID field").
     */
    public static String to18(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            if (BASE62.indexOf(id.charAt(i)) < 0) {
                return null;
            }
        }
        String id15 = id.substring(0, 15);
        String expected = suffix(id15);
        if (id.length() == 18 && !id.substring(15).equalsIgnoreCase(expected)) {
            return null;
        }
        return id15 + expected;
    }

    /** The sequence encoded by {@link #of}, or -1 when the id was not minted by this sandbox for that prefix. */
    public static long sequence(String id18, String keyPrefix) {
        String id = to18(id18);
        if (id == null || !id.startsWith(keyPrefix + POD)) {
            return -1;
        }
        long n = 0;
        for (int i = 6; i < 15; i++) {
            n = n * 62 + BASE62.indexOf(id.charAt(i));
        }
        return n;
    }

    public static String keyPrefix(String id) {
        return id == null || id.length() < 3 ? "" : id.substring(0, 3);
    }
}
