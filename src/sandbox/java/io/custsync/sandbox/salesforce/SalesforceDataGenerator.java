package io.custsync.sandbox.salesforce;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded records computed from (seed, type, row index) alone, so a million rows cost no memory until one
 * is changed (the store then keeps that row in its override map). External ids encode the row index so an
 * upsert can find a seeded row without an index.
 */
final class SalesforceDataGenerator {

    private static final List<String> FIRST = List.of("Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara",
            "Dennis", "Frances", "John", "Radia", "Tim", "Hedy", "Edsger", "Katherine", "Donald", "Sophie", "Niklaus",
            "Anita", "Bjarne", "Joan", "Guido", "Lynn", "James", "Mary", "Brian", "Shafi", "Leslie", "Karen", "Vint");
    private static final List<String> LAST = List.of("Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton",
            "Thompson", "Liskov", "Ritchie", "Allen", "McCarthy", "Perlman", "Berners-Lee", "Lamarr", "Dijkstra",
            "Johnson", "Knuth", "Wilson", "Wirth", "Borg", "Stroustrup", "Clarke", "van Rossum", "Conway", "Gosling",
            "Keller", "Kernighan", "Goldwasser", "Lamport", "Jones", "Cerf");
    private static final List<String> ADJECTIVES = List.of("Bright", "Blue", "Silver", "Rapid", "North", "Clever",
            "Quiet", "Bold", "Green", "Golden", "Urban", "Prime", "Vivid", "Solid", "Lucky", "Swift", "Iron", "Open");
    private static final List<String> NOUNS = List.of("Harbor", "Falcon", "Summit", "Pixel", "Orchard", "Beacon",
            "Canyon", "Anchor", "Meadow", "Rocket", "Willow", "Comet", "Bridge", "Forge", "Lantern", "Atlas");
    private static final List<String> SECTORS = List.of("Logistics", "Analytics", "Health", "Labs", "Software",
            "Foods", "Energy", "Media", "Robotics", "Finance", "Studios", "Systems");
    private static final List<String> PROFILES = List.of("SMB", "Mid-Market", "Enterprise", "Strategic");

    private static final Pattern CUSTOMER_ID = Pattern.compile("CUST-(\\d{7})", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTACT_ID = Pattern.compile("CON-(\\d{8})", Pattern.CASE_INSENSITIVE);

    // Records keep the schema's field order, which is the order describe shows.
    private final Schema schema = new Schema();
    private final long seed;
    private final SalesforceSettings settings;
    private final Instant epoch;

    SalesforceDataGenerator(SalesforceSettings settings, Instant epoch) {
        this.seed = settings.seed();
        this.settings = settings;
        this.epoch = epoch;
    }

    int seededCount(String type) {
        return switch (type) {
            case Schema.USER -> settings.users();
            case Schema.ACCOUNT -> settings.accounts();
            case Schema.CONTACT -> settings.contacts();
            default -> 0;
        };
    }

    Map<String, Object> generate(ObjectDef def, int index) {
        return switch (def.name()) {
            case Schema.USER -> user(index);
            case Schema.ACCOUNT -> account(index);
            case Schema.CONTACT -> contact(index);
            default -> throw new IllegalArgumentException(def.name());
        };
    }

    /** The seeded row whose external id would be this value, or -1. */
    int indexForExternalId(String type, String field, String value) {
        Matcher m = null;
        if (Schema.ACCOUNT.equals(type) && "Customer_ID__c".equals(field)) {
            m = CUSTOMER_ID.matcher(value);
        } else if (Schema.CONTACT.equals(type) && "Contact_ID__c".equals(field)) {
            m = CONTACT_ID.matcher(value);
        }
        if (m == null || !m.matches()) {
            return -1;
        }
        long index = Long.parseLong(m.group(1)) - 1;
        return index >= 0 && index < seededCount(type) ? (int) index : -1;
    }

    static String customerId(int index) {
        return String.format(Locale.ROOT, "CUST-%07d", index + 1);
    }

    static String contactId(int index) {
        return String.format(Locale.ROOT, "CON-%08d", index + 1);
    }

    private SplittableRandom random(int typeSalt, int index) {
        // SplitMix64-style mixing so neighbouring rows and seeds do not correlate.
        long z = seed * 0x9E3779B97F4A7C15L + typeSalt * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    private static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private Map<String, Object> base(String prefix, int index, SplittableRandom r) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("Id", SalesforceIds.of(prefix, index));
        long createdAgo = 86_400L * 30 + r.nextLong(86_400L * 700);
        Instant created = epoch.minusSeconds(createdAgo);
        Instant modified = created.plusSeconds(r.nextLong(createdAgo));
        rec.put("CreatedDate", created);
        rec.put("LastModifiedDate", modified);
        rec.put("SystemModstamp", modified);
        return rec;
    }

    private Map<String, Object> user(int index) {
        SplittableRandom r = random(5, index);
        Map<String, Object> rec = base("005", index, r);
        String first;
        String last;
        String email;
        if (index == 0) {
            first = "Integration";
            last = "User";
            email = "integration@custsync-sandbox.example.com";
            rec.put("Username", settings.username());
        } else {
            first = pick(r, FIRST);
            last = pick(r, LAST);
            email = mailbox(first, last) + index + "@custsync-sandbox.example.com";
            rec.put("Username", email + ".sandbox");
        }
        rec.put("LastName", last);
        rec.put("FirstName", first);
        rec.put("Name", first + " " + last);
        rec.put("Email", email);
        rec.put("IsActive", index == 0 || index % 5 != 4);
        return reorder(Schema.USER, rec);
    }

    private Map<String, Object> account(int index) {
        SplittableRandom r = random(1, index);
        Map<String, Object> rec = base("001", index, r);
        rec.put("IsDeleted", false);
        SplittableRandom names = random(2, index);
        String adjective = pick(names, ADJECTIVES);
        String noun = pick(names, NOUNS);
        rec.put("Name", adjective + " " + noun + " " + pick(names, SECTORS));
        rec.put("Type", r.nextInt(10) < 7 ? "Customer - Direct" : pick(r, Schema.ACCOUNT_TYPES));
        rec.put("Website", "https://www." + accountDomain(index));
        rec.put("OwnerId", SalesforceIds.of("005", someUser(r)));
        rec.put("CSM__c", r.nextInt(10) < 7 ? SalesforceIds.of("005", someUser(r)) : null);
        rec.put("Customer_ID__c", customerId(index));
        rec.put("Stage__c", pick(r, Schema.STAGES));
        rec.put("Profile__c", pick(r, PROFILES));
        rec.put("Healthscore__c", r.nextInt(10) == 0 ? null : (double) r.nextInt(101));
        return reorder(Schema.ACCOUNT, rec);
    }

    /** Contacts share their account's mail domain so Intercom-side matching by domain has something to find. */
    String accountDomain(int accountIndex) {
        // Same stream as the account's name, so domain and name agree.
        SplittableRandom names = random(2, accountIndex);
        String adjective = pick(names, ADJECTIVES);
        String noun = pick(names, NOUNS);
        return (adjective + noun).toLowerCase(Locale.ROOT) + "-" + (accountIndex + 1) + ".example.com";
    }

    private int someUser(SplittableRandom r) {
        return settings.users() == 1 ? 0 : 1 + r.nextInt(settings.users() - 1);
    }

    private Map<String, Object> contact(int index) {
        SplittableRandom r = random(3, index);
        Map<String, Object> rec = base("003", index, r);
        rec.put("IsDeleted", false);
        int accounts = settings.accounts();
        Integer account = accounts == 0 || r.nextInt(100) < 3 ? null : r.nextInt(accounts);
        rec.put("AccountId", account == null ? null : SalesforceIds.of("001", account));
        String first = pick(r, FIRST);
        String last = pick(r, LAST);
        rec.put("LastName", last);
        rec.put("FirstName", first);
        rec.put("Name", first + " " + last);
        String domain = account == null ? "gmail.example.com" : accountDomain(account);
        rec.put("Email", mailbox(first, last) + (index + 1) + "@" + domain);
        rec.put("Contact_ID__c", contactId(index));
        boolean champion = r.nextInt(10) == 0;
        boolean sponsor = r.nextInt(20) == 0;
        boolean keyUser = r.nextInt(5) == 0;
        boolean endUser = r.nextInt(2) == 0;
        rec.put("Champion__c", champion);
        rec.put("Sponsor__c", sponsor);
        rec.put("Key_User__c", keyUser);
        rec.put("End_User__c", endUser);
        rec.put("Role__c", champion ? "Champion" : sponsor ? "Sponsor" : keyUser ? "Key User" : endUser ? "End User" : null);
        return reorder(Schema.CONTACT, rec);
    }

    private static String mailbox(String first, String last) {
        return (first + "." + last).toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "");
    }

    private Map<String, Object> reorder(String type, Map<String, Object> rec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldDef f : schema.object(type).fields()) {
            out.put(f.name(), rec.get(f.name()));
        }
        return out;
    }
}
