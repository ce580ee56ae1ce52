package io.custsync.mapping;

import io.custsync.mapping.MappingsSchema.Count;
import io.custsync.mapping.MappingsSchema.Field;
import io.custsync.mapping.MappingsSchema.Flag;
import io.custsync.mapping.MappingsSchema.OneOf;
import io.custsync.mapping.MappingsSchema.Problem;
import io.custsync.mapping.MappingsSchema.Section;
import io.custsync.mapping.MappingsSchema.Text;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The validated contents of {@code config/mappings.yaml}: a mode per object and system, field mappings,
 * role tags and churn rules. Read once at start-up; an invalid file stops start-up.
 */
public final class Mappings {

    public static final String DISABLED = Field.DISABLED;

    private static final String[] ALL_MODES = Mode.words(Mode.values());
    private static final String[] INPUT_MODES = Mode.words(Mode.INPUT, Mode.DISABLED);
    private static final String[] OUTPUT_MODES = Mode.words(Mode.OUTPUT, Mode.DISABLED);

    /** The whole schema, with defaults. Later features add keys here (and to the README's reference). */
    static final MappingsSchema SCHEMA = new Section("key")
            .key("crm", new OneOf("CRM", "salesforce", "salesforce", "intercom"))
            .key("objects", new Section("object")
                    .key("customers", new Section("system")
                            .key("intercom", new Section("setting")
                                    .key("mode", new OneOf("mode", "disabled", ALL_MODES))
                                    .key("behaviour", new OneOf("behaviour", "update-or-create", "update-or-create", "update-only", "delete"))
                                    .key("match-key", new OneOf("match key", "company_id", "company_id"))
                                    .key("create-attributes", new Flag(true))
                                    .key("fields", new Section("field")
                                            .key("customer-id", new Field("company_id"))
                                            .key("name", new Field("name"))
                                            .key("domain", new Field("website"))
                                            .key("stage", new Field(DISABLED))
                                            .key("profile", new Field(DISABLED))))
                            .key("salesforce", new Section("setting")
                                    .key("mode", new OneOf("mode", "disabled", ALL_MODES))
                                    .key("view", new Text(""))
                                    .key("churn-stage", new Text(""))
                                    .key("fields", new Section("field")
                                            .key("customer-id", new Field("Id"))
                                            .key("name", new Field("Name"))
                                            .key("domain", new Field("Website"))
                                            .key("csm-owner", new Field("OwnerId"))
                                            .key("stage", new Field(DISABLED))
                                            .key("profile", new Field(DISABLED))))
                            .key("churn-on-missing", new Section("setting")
                                    .key("enabled", new Flag(false))
                                    .key("source", new OneOf("source", "salesforce", "salesforce", "intercom")))
                            // A record with no identity link yet: after the common customer id (always), its domain.
                            .key("matching", new Section("rule")
                                    .key("domain", new Flag(true))))
                    .key("contacts", new Section("system")
                            .key("intercom", new Section("setting")
                                    .key("mode", new OneOf("mode", "disabled", ALL_MODES))
                                    .key("behaviour", new OneOf("behaviour", "update-or-create", "update-or-create", "update-only", "delete"))
                                    .key("match-key", new OneOf("match key", "email", "email", "external_id", "id"))
                                    .key("permanent-delete", new Flag(false))
                                    .key("create-attributes", new Flag(true))
                                    .key("fields", new Section("field")
                                            .key("contact-id", new Field("id"))
                                            .key("email", new Field("email"))
                                            .key("name", new Field("name"))
                                            .key("phone", new Field("phone"))))
                            .key("salesforce", new Section("setting")
                                    .key("mode", new OneOf("mode", "disabled", ALL_MODES))
                                    .key("view", new Text(""))
                                    .key("fields", new Section("field")
                                            .key("contact-id", new Field("Id"))
                                            .key("email", new Field("Email"))
                                            .key("name", new Field("Name"))
                                            .key("phone", new Field("Phone"))
                                            .key("account", new Field("AccountId"))))
                            .key("role-tags", roleTags())
                            // A record with no identity link yet: after the common contact id (always), its email.
                            .key("matching", new Section("rule")
                                    .key("email", new Flag(true))))
                    .key("interactions", new Section("system")
                            .key("intercom", new Section("setting")
                                    .key("mode", new OneOf("mode", "disabled", INPUT_MODES))
                                    .key("first-pull-days", new Count(30, 1, 3650))
                                    .key("known-customers-only", new Flag(true))
                                    .key("customer-reply-only", new Flag(false))))
                    .key("tickets", new Section("system")
                            .key("intercom", new Section("setting")
                                    .key("mode", new OneOf("mode", "disabled", INPUT_MODES))
                                    .key("first-pull-days", new Count(30, 1, 3650))))
                    .key("healthscore", new Section("system")
                            .key("intercom", new Section("setting")
                                    .key("mode", new OneOf("mode", "disabled", OUTPUT_MODES))
                                    .key("to-contacts", new Flag(false))
                                    .key("create-attributes", new Flag(true))
                                    .key("attributes", new Section("attribute")
                                            .key("healthscore", new Field("healthscore"))
                                            .key("csm-pulse", new Field("csm_pulse")))
                                    .key("attribute-types", new Section("attribute")
                                            .key("healthscore", new OneOf("data type", "float", "float", "integer"))
                                            .key("csm-pulse", new OneOf("data type", "string", "string", "options")))
                                    .key("csm-pulse-options", new Text("green,yellow,red")))));

    private static Section roleTags() {
        Section tags = new Section("role");
        for (String[] role : new String[][] {
                {"champion", "Champion", "Champion__c"}, {"sponsor", "Sponsor", "Sponsor__c"},
                {"key-user", "Key user", "Key_User__c"}, {"end-user", "End user", "End_User__c"}}) {
            tags.key(role[0], new Section("setting")
                    .key("intercom-tag", new Text(role[1]))
                    .key("salesforce-field", new Field(role[2]))
                    // Blank: the field is a checkbox. Set: a picklist, and the contact holds the role when it has this value.
                    .key("salesforce-value", new Text("")));
        }
        return tags;
    }

    private final String file;
    private final Map<String, Object> tree;

    private Mappings(String file, Map<String, Object> tree) {
        this.file = file;
        this.tree = tree;
    }

    /** Reads and validates a mappings file; every problem found is in the exception. */
    public static Mappings load(Path path) {
        String file = path.toString();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(file, reader);
        } catch (NoSuchFileException e) {
            throw new MappingsException(file, List.of("file not found (set SYNC_MAPPINGS to its path)"));
        } catch (IOException e) {
            throw new MappingsException(file, List.of("cannot be read: " + e.getMessage()));
        }
    }

    static Mappings parse(String file, Reader reader) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new MappingsException(file, List.of("line " + line + ": not valid YAML: " + e.getProblem()));
        }
        List<Problem> problems = MappingsSchema.newProblems();
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) SCHEMA.read(root, "", problems);
        Mappings mappings = new Mappings(file, tree);
        mappings.checkConsistency(root, problems);
        if (!problems.isEmpty()) {
            throw new MappingsException(file, problems.stream().map(Problem::toString).toList());
        }
        return mappings;
    }

    /** Rules that span keys: each is a mistake an operator can make with individually valid values. */
    private void checkConsistency(Node root, List<Problem> problems) {
        if ("intercom".equals(get("crm")) && mode("customers", "salesforce") != Mode.DISABLED) {
            problems.add(new Problem(MappingsSchema.line(root), "objects.customers.salesforce.mode",
                    "must be disabled when crm is intercom"));
        }
        if ("intercom".equals(get("crm")) && mode("contacts", "salesforce") != Mode.DISABLED) {
            problems.add(new Problem(MappingsSchema.line(root), "objects.contacts.salesforce.mode",
                    "must be disabled when crm is intercom"));
        }
    }

    public String file() {
        return file;
    }

    /** The mode of {@code object} towards {@code system}. */
    public Mode mode(String object, String system) {
        return Mode.of((String) get("objects." + object + "." + system + ".mode"));
    }

    /** The contact roles of {@code objects.contacts.role-tags}. */
    public enum Role {
        CHAMPION("champion"), SPONSOR("sponsor"), KEY_USER("key-user"), END_USER("end-user");

        private final String key;

        Role(String key) {
            this.key = key;
        }

        /** The role's key in mappings.yaml: {@code key-user}. */
        public String key() {
            return key;
        }

        /** The role as the store keeps it: {@code key_user}. */
        public String stored() {
            return key.replace('-', '_');
        }
    }

    /**
     * A role's mapping, values as written ({@link #DISABLED} included).
     *
     * @param intercomTag     the Intercom tag name that gives a contact the role
     * @param salesforceField the Salesforce field that holds it
     * @param salesforceValue blank: the field is a checkbox; set: a picklist value that means the role
     */
    public record RoleTag(String intercomTag, String salesforceField, String salesforceValue) {}

    /** What an output flow to Intercom does with the records it pushes ({@code objects.<object>.intercom}). */
    public enum Behaviour {
        UPDATE_OR_CREATE("update-or-create"), UPDATE_ONLY("update-only"), DELETE("delete");

        private final String word;

        Behaviour(String word) {
            this.word = word;
        }

        static Behaviour of(String word) {
            for (Behaviour b : values()) {
                if (b.word.equals(word)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("no behaviour " + word);
        }

        /** The word used in mappings.yaml. */
        public String word() {
            return word;
        }
    }

    /**
     * The settings of a push to Intercom.
     *
     * @param matchKey       the Intercom field a local record is found by ({@code email}, {@code company_id} …)
     * @param permanentDelete contacts only: delete instead of archive (false for other objects)
     */
    public record IntercomPush(Behaviour behaviour, boolean createAttributes, String matchKey, boolean permanentDelete) {}

    /** {@code objects.customers.churn-on-missing}. */
    public record ChurnOnMissing(boolean enabled, String source) {
        /** Whether a complete read of {@code system}'s view marks the customers missing from it churned. */
        public boolean decidedBy(String system) {
            return enabled && system.equals(source);
        }
    }

    /** {@code objects.interactions.intercom}: which conversations are kept. */
    public record Interactions(boolean knownCustomersOnly, boolean customerReplyOnly) {}

    /**
     * {@code objects.healthscore.intercom}; an attribute name is null when disabled.
     *
     * @param csmPulseOptions the options of an options attribute, trimmed, blanks left out
     */
    public record Healthscore(boolean toContacts, boolean createAttributes, String healthscoreAttribute, String csmPulseAttribute,
                              String healthscoreType, String csmPulseType, List<String> csmPulseOptions) {}

    /** The name {@code system} gives the mapped field {@code name} of {@code object}, or {@link #DISABLED}. */
    public String fieldOf(String object, String system, String name) {
        return text(fieldSetting(object, system, name));
    }

    /** Whether {@code name} of {@code object} is mapped to a field in {@code system}. */
    public boolean isMapped(String object, String system, String name) {
        return !DISABLED.equals(fieldOf(object, system, name));
    }

    /** The setting that names the field, as messages to the operator name it. */
    public static String fieldSetting(String object, String system, String name) {
        return "objects." + object + "." + system + ".fields." + name;
    }

    public RoleTag roleTag(Role role) {
        String at = "objects.contacts.role-tags." + role.key() + ".";
        return new RoleTag(text(at + "intercom-tag"), text(at + "salesforce-field"), text(at + "salesforce-value"));
    }

    /** How a push to Intercom treats {@code object} (customers, contacts). */
    public IntercomPush intercomPush(String object) {
        String at = "objects." + object + ".intercom.";
        Object permanentDelete = ((Map<?, ?>) get("objects." + object + ".intercom")).get("permanent-delete");
        return new IntercomPush(Behaviour.of(text(at + "behaviour")), flag(at + "create-attributes"), text(at + "match-key"),
                Boolean.TRUE.equals(permanentDelete));
    }

    /** Which identity rules link a record with no link yet to a row the store already holds (the common id always does). */
    public record IdentityMatching(boolean byDomain, boolean byEmail) {}

    public IdentityMatching matching() {
        return new IdentityMatching(flag("objects.customers.matching.domain"), flag("objects.contacts.matching.email"));
    }

    public ChurnOnMissing churnOnMissing() {
        return new ChurnOnMissing(flag("objects.customers.churn-on-missing.enabled"), text("objects.customers.churn-on-missing.source"));
    }

    public Interactions interactions() {
        return new Interactions(flag("objects.interactions.intercom.known-customers-only"),
                flag("objects.interactions.intercom.customer-reply-only"));
    }

    /** The days a first run of {@code object}'s Intercom read reaches back (interactions, tickets). */
    public int firstPullDays(String object) {
        return count(firstPullSetting(object));
    }

    /** The setting of {@link #firstPullDays}, as the status page and the log name it. */
    public static String firstPullSetting(String object) {
        return "objects." + object + ".intercom.first-pull-days";
    }

    public Healthscore healthscore() {
        String at = "objects.healthscore.intercom.";
        String score = text(at + "attributes.healthscore");
        String pulse = text(at + "attributes.csm-pulse");
        return new Healthscore(flag(at + "to-contacts"), flag(at + "create-attributes"),
                DISABLED.equals(score) ? null : score, DISABLED.equals(pulse) ? null : pulse,
                text(at + "attribute-types.healthscore"), text(at + "attribute-types.csm-pulse"),
                java.util.Arrays.stream(text(at + "csm-pulse-options").split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList());
    }

    /** The SOQL filter of {@code object}'s Salesforce view, trimmed; blank for all records. */
    public String salesforceView(String object) {
        return text("objects." + object + ".salesforce.view").trim();
    }

    /** The Salesforce stage that means churned, trimmed; blank when churn is not mapped. */
    public String salesforceChurnStage() {
        return text("objects.customers.salesforce.churn-stage").trim();
    }

    /** A validated value by key path, e.g. {@code objects.interactions.intercom.first-pull-days}; the typed views above read it. */
    Object get(String path) {
        Object node = tree;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new IllegalArgumentException("no mapping key " + path);
            }
            node = map.get(key);
        }
        return node;
    }

    String text(String path) {
        return (String) get(path);
    }

    private boolean flag(String path) {
        return (Boolean) get(path);
    }

    private int count(String path) {
        return (Integer) get(path);
    }
}
