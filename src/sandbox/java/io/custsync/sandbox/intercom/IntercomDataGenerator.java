package io.custsync.sandbox.intercom;

import io.custsync.sandbox.intercom.Model.Company;
import io.custsync.sandbox.intercom.Model.Contact;
import io.custsync.sandbox.intercom.Model.Conversation;
import io.custsync.sandbox.intercom.Model.Part;
import io.custsync.sandbox.intercom.Model.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Pure functions (seed, index) → record. Nothing here is stored; every call rebuilds the record, which is what lets the
 * sandbox serve a million contacts from a few megabytes. Ordering times are monotonic in the index (see
 * {@link IntercomRecordStore}); the other fields are pseudo-random per record.
 *
 * <p>Relations are also functions: contact {@code i} belongs to company {@code i mod C} (none when {@code i mod 7 = 3}),
 * and every 50th contact ({@code i mod 50 = 1}) to 12 companies so its embedded {@code companies} sub-list has
 * {@code has_more}. {@link #generatedMembersOf} inverts that relation in O(contacts/companies).
 */
final class IntercomDataGenerator {
    static final String[] ROLE_TAGS = {"Champion", "Sponsor", "Key user", "End user"};
    static final String[] OTHER_TAGS = {"VIP", "Churn risk", "Beta", "Enterprise", "Onboarding", "Renewal Q1", "Renewal Q2",
        "Renewal Q3", "Renewal Q4", "Support priority", "Newsletter", "Trial", "Partner", "Reseller", "Expansion", "Detractor"};
    static final int HEAVY_LINKS = 12;
    static final int LARGE_CONVERSATION_PARTS = 600;
    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
        "Kira", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara"};
    private static final String[] LAST = {"Smith", "Garcia", "Chen", "Novak", "Okafor", "Rossi", "Muller", "Silva", "Kim",
        "Larsen", "Dubois", "Patel", "Cohen", "Haddad", "Ivanova", "Sato"};
    private static final String[] WORDS = {"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay",
        "Soylent", "Tyrell", "Wonka", "Cyberdyne", "Aperture", "Monarch", "Nakatomi", "Oscorp"};
    private static final String[] SUFFIX = {"Inc", "LLC", "GmbH", "Ltd", "Labs", "Systems", "Group", "Partners"};
    private static final String[] INDUSTRY = {"Software", "Retail", "Finance", "Healthcare", "Education", "Logistics"};
    private static final String[] PLANS = {"Starter", "Growth", "Enterprise"};
    private static final String[] BROWSERS = {"chrome", "firefox", "safari", "edge"};
    private static final String[] OSES = {"Windows 11", "OS X 14.5", "Linux", "iOS 17", "Android 14"};
    private static final String[][] PLACES = {{"United States", "New York", "New York"}, {"Germany", "Berlin", "Berlin"},
        {"France", "Ile-de-France", "Paris"}, {"Brazil", "Sao Paulo", "Sao Paulo"}, {"Japan", "Tokyo", "Tokyo"}};
    private static final String[] TIERS = {"free", "pro", "enterprise"};

    final IntercomSettings s;
    final Ids ids;
    final long start;
    final long end;

    IntercomDataGenerator(IntercomSettings settings, Ids ids) {
        this.s = settings;
        this.ids = ids;
        this.end = settings.dataEndEpoch;
        this.start = end - settings.dataSpanSeconds;
    }

    private SplittableRandom rng(long salt, long idx) {
        return new SplittableRandom(Ids.mix(s.seed * 0x9E3779B97F4A7C15L + salt * 1_000_003L + idx));
    }

    /** Monotonic spread of n records over [start, end]. */
    long spread(long i, long n) {
        return n <= 0 ? end : start + (i * (end - start)) / n;
    }

    long contactUpdatedAt(long i) { return spread(i, s.contacts); }
    long companyLastRequestAt(long c) { return spread(c, s.companies); }
    long conversationUpdatedAt(long k) { return spread(k, s.conversations); }
    long ticketUpdatedAt(long t) { return spread(t, s.tickets); }

    String adminId(int a) { return Integer.toString(991_000 + a); }
    String tagId(int t) { return Integer.toString(7_000_001 + t); }
    int tagCount() { return ROLE_TAGS.length + OTHER_TAGS.length; }
    String tagName(int t) { return t < ROLE_TAGS.length ? ROLE_TAGS[t] : OTHER_TAGS[t - ROLE_TAGS.length]; }

    static String externalIdOf(long i) { return "user-" + i; }

    static String companyKeyOf(long c) { return String.format(Locale.ROOT, "cmp-%07d", c); }

    /** The index encoded in a generated email "first.last.<i>@…", or -1. */
    static long indexFromEmail(String email) {
        if (email == null) {
            return -1;
        }
        int at = email.indexOf('@');
        int dot = at < 0 ? -1 : email.lastIndexOf('.', at);
        try {
            return dot < 0 ? -1 : Long.parseLong(email.substring(dot + 1, at));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static long indexFromPrefixed(String value, String prefix) {
        if (value == null || !value.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(value.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- contacts

    static boolean heavy(long i) {
        return i % 50 == 1;
    }

    List<Long> companiesOf(long i) {
        long c = s.companies;
        List<Long> out = new ArrayList<>();
        if (c <= 0) {
            return out;
        }
        if (heavy(i) && c >= HEAVY_LINKS) {
            long stride = c / HEAVY_LINKS;
            for (int j = 0; j < HEAVY_LINKS; j++) {
                out.add((i + j * stride) % c);
            }
        } else if (i % 7 != 3) {
            out.add(i % c);
        }
        return out;
    }

    /** Generated contacts whose generated company list contains company c, ascending. */
    List<Long> generatedMembersOf(long c) {
        long n = s.contacts;
        long cc = s.companies;
        List<Long> out = new ArrayList<>();
        for (long i = c; i < n; i += cc) {
            if (heavy(i) || i % 7 != 3) {
                out.add(i);
            }
        }
        if (cc >= HEAVY_LINKS) {
            long stride = cc / HEAVY_LINKS;
            for (int j = 1; j < HEAVY_LINKS; j++) {
                for (long i = Math.floorMod(c - j * stride, cc); i < n; i += cc) {
                    if (heavy(i)) {
                        out.add(i);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    Contact contact(long i) {
        SplittableRandom r = rng(1, i);
        Contact k = new Contact();
        k.idx = i;
        k.id = ids.contactId(i);
        k.role = i % 5 == 4 ? "lead" : "user";
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        k.name = first + " " + last;
        k.email = (first + "." + last).toLowerCase(Locale.ROOT) + "." + i + "@" + (k.role.equals("lead") ? "mail.example.com"
                : WORDS[(int) (i % WORDS.length)].toLowerCase(Locale.ROOT) + ".example.com");
        k.externalId = k.role.equals("user") ? externalIdOf(i) : null;
        k.phone = r.nextInt(10) < 3 ? String.format(Locale.ROOT, "+1555%07d", r.nextInt(10_000_000)) : null;
        k.updatedAt = contactUpdatedAt(i);
        long back = Math.min(k.updatedAt - start, 180L * 86400);
        k.createdAt = k.updatedAt - (back > 0 ? r.nextLong(back + 1) : 0);
        k.signedUpAt = k.role.equals("user") ? k.createdAt : null;
        k.lastSeenAt = k.createdAt + r.nextLong(k.updatedAt - k.createdAt + 1);
        k.lastContactedAt = r.nextBoolean() ? k.lastSeenAt : null;
        k.lastRepliedAt = r.nextInt(3) == 0 ? k.lastSeenAt : null;
        k.ownerId = i % 3 == 0 ? adminId((int) (i % s.admins)) : null;
        k.unsubscribed = i % 17 == 0;
        k.hardBounced = i % 101 == 0;
        k.browser = BROWSERS[r.nextInt(BROWSERS.length)];
        k.os = OSES[r.nextInt(OSES.length)];
        String[] place = PLACES[r.nextInt(PLACES.length)];
        k.country = place[0];
        k.region = place[1];
        k.city = place[2];
        k.custom.put("plan_tier", TIERS[r.nextInt(TIERS.length)]);
        k.custom.put("seats", 1 + r.nextInt(500));
        k.custom.put("health_score", Math.round(r.nextDouble() * 1000) / 10.0);
        k.custom.put("beta_tester", r.nextInt(4) == 0);
        k.custom.put("renewal_date", k.createdAt + 365L * 86400);
        if (heavy(i) && tagCount() >= HEAVY_LINKS) {
            for (int t = 0; t < HEAVY_LINKS; t++) {
                k.tags.put(tagId(t), k.createdAt);
            }
        } else {
            if (i % 11 < ROLE_TAGS.length) {
                k.tags.put(tagId((int) (i % 11)), k.createdAt);
            }
            if (r.nextInt(10) < 3) {
                k.tags.put(tagId(ROLE_TAGS.length + r.nextInt(OTHER_TAGS.length)), k.createdAt);
            }
        }
        k.companies = companiesOf(i);
        k.notes = i % 13 == 0 ? 2 : 0;
        return k;
    }

    // ---------------------------------------------------------------- companies

    Company company(long c) {
        SplittableRandom r = rng(2, c);
        Company co = new Company();
        co.idx = c;
        co.id = ids.companyId(c);
        co.companyId = companyKeyOf(c);
        co.name = WORDS[(int) (c % WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)] + " " + SUFFIX[r.nextInt(SUFFIX.length)]
                + " " + c;
        co.plan = r.nextInt(4) == 0 ? null : PLANS[r.nextInt(PLANS.length)];
        co.size = 1 + r.nextInt(5000);
        co.website = "https://www." + co.companyId + ".example.com";
        co.industry = INDUSTRY[r.nextInt(INDUSTRY.length)];
        co.monthlySpend = r.nextInt(100_000);
        co.lastRequestAt = companyLastRequestAt(c);
        co.updatedAt = co.lastRequestAt;
        long back = Math.min(co.updatedAt - start, 365L * 86400);
        co.createdAt = co.updatedAt - (back > 0 ? r.nextLong(back + 1) : 0);
        co.remoteCreatedAt = co.createdAt - 86400L * r.nextInt(1000);
        co.sessionCount = r.nextInt(10_000);
        co.custom.put("segment", r.nextBoolean() ? "smb" : "mid-market");
        co.custom.put("arr", r.nextInt(2_000_000));
        co.custom.put("churn_risk", Math.round(r.nextDouble() * 100) / 100.0);
        if (c % 9 == 0) {
            co.tags.add(tagId(ROLE_TAGS.length + (int) (c % OTHER_TAGS.length)));
        }
        return co;
    }

    // ---------------------------------------------------------------- conversations

    Conversation conversation(long k) {
        SplittableRandom r = rng(3, k);
        Conversation cv = new Conversation();
        cv.idx = k;
        cv.id = Ids.conversationId(k);
        cv.updatedAt = conversationUpdatedAt(k);
        long back = Math.min(cv.updatedAt - start, 30L * 86400);
        cv.createdAt = cv.updatedAt - (back > 0 ? 1 + r.nextLong(back) : 0);
        cv.contactIdx = s.contacts > 0 ? Math.floorMod(Ids.mix(k + s.seed), s.contacts) : -1;
        boolean adminInitiated = k % 4 == 0;
        cv.deliveredAs = adminInitiated ? "admin_initiated" : "customer_initiated";
        cv.sourceType = k % 3 == 0 ? "email" : "conversation";
        cv.sourceAuthorType = adminInitiated ? "admin" : "user";
        cv.sourceAuthorId = adminInitiated ? adminId((int) (k % s.admins)) : ids.contactId(Math.max(0, cv.contactIdx));
        cv.subject = cv.sourceType.equals("email") ? "Question about order " + k : "";
        cv.body = "<p>" + (adminInitiated ? "Hi there, checking in about your support plan " : "Hello, I need support with invoice ")
                + k + "</p>";
        cv.title = cv.sourceType.equals("email") ? cv.subject : null;
        cv.customerReplies = k % 5 != 0;
        cv.generatedParts = k % 50 == 7 ? LARGE_CONVERSATION_PARTS : 1 + (int) (k % 12);
        switch ((int) (k % 3)) {
            case 0 -> cv.state = "closed";
            case 1 -> cv.state = "open";
            default -> cv.state = k % 9 == 2 ? "snoozed" : "open";
        }
        if (cv.state.equals("snoozed")) {
            cv.snoozedUntil = cv.updatedAt + 86400;
        }
        cv.read = r.nextBoolean();
        cv.priority = new String[] {"none", "low", "medium", "high", "urgent"}[(int) (k % 5)];
        cv.adminAssigneeId = k % 7 == 0 ? 0 : 991_000 + (int) (k % s.admins);
        cv.teamAssigneeId = k % 2 == 0 ? 5_001 + (int) (k % 3) : 0;
        if (k % 6 == 0) {
            cv.tags.put(tagId((int) (k % tagCount())), cv.createdAt);
        }
        if (cv.state.equals("closed") && k % 4 == 1) {
            cv.rating = 1 + r.nextInt(5);
        }
        return cv;
    }

    /** Generated part j (0 = oldest) of conversation cv; timestamps spread evenly between created and updated. */
    Part part(Conversation cv, int j) {
        Part p = new Part();
        int total = cv.generatedParts;
        p.id = Long.toString(10_000_000_000L + cv.idx * 10_000L + j);
        p.createdAt = cv.createdAt + ((cv.updatedAt - cv.createdAt) * (j + 1)) / total;
        boolean last = j == total - 1;
        boolean customer = cv.customerReplies && j % 2 == 1;
        if (customer) {
            p.authorType = "user";
            p.authorId = ids.contactId(Math.max(0, cv.contactIdx));
            p.authorName = "Customer " + cv.contactIdx;
            p.authorEmail = "customer." + cv.contactIdx + "@mail.example.com";
        } else {
            int a = (int) ((cv.idx + j) % s.admins);
            p.authorType = "admin";
            p.authorId = adminId(a);
            p.authorName = "Admin " + a;
            p.authorEmail = "admin" + a + "@sandbox.example.com";
        }
        if (last && !customer && cv.state.equals("closed")) {
            p.partType = "close";
        } else if (last && !customer && cv.state.equals("snoozed")) {
            p.partType = "snoozed";
        } else {
            p.partType = "comment";
            p.body = "<p>Message " + (j + 1) + " in conversation " + cv.id + "</p>";
        }
        return p;
    }

    // ---------------------------------------------------------------- tickets

    Ticket ticket(long t) {
        SplittableRandom r = rng(4, t);
        Ticket tk = new Ticket();
        tk.idx = t;
        tk.id = Ids.ticketId(t);
        tk.ticketId = Long.toString(t + 1);
        tk.typeIdx = (int) (t % 3);
        tk.stateIdx = (int) (t % 8);
        tk.title = "Ticket " + (t + 1) + ": " + new String[] {"Login fails", "Refund request", "Outage in EU"}[tk.typeIdx];
        tk.description = "Reported issue number " + (t + 1);
        tk.contactIdx = s.contacts > 0 ? Math.floorMod(Ids.mix(t * 31 + s.seed), s.contacts) : -1;
        tk.adminAssigneeId = t % 4 == 0 ? 0 : 991_000 + (int) (t % s.admins);
        tk.teamAssigneeId = t % 2 == 0 ? 5_001 : 0;
        tk.updatedAt = ticketUpdatedAt(t);
        long back = Math.min(tk.updatedAt - start, 60L * 86400);
        tk.createdAt = tk.updatedAt - (back > 0 ? r.nextLong(back + 1) : 0);
        return tk;
    }
}
