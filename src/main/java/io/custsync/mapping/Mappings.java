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

    /** A validated value by key path, e.g. {@code objects.interactions.intercom.first-pull-days}. */
    public Object get(String path) {
        Object node = tree;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new IllegalArgumentException("no mapping key " + path);
            }
            node = map.get(key);
        }
        return node;
    }

    public String text(String path) {
        return (String) get(path);
    }

    public boolean flag(String path) {
        return (Boolean) get(path);
    }

    public int count(String path) {
        return (Integer) get(path);
    }
}
