package io.custsync.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One sObject type: its fields (looked up case-insensitively, as SOQL and the REST API do) and key prefix. */
public final class ObjectDef {

    private final String name;
    private final String label;
    private final String labelPlural;
    private final String keyPrefix;
    private final boolean apiWritable;
    private final boolean hasIsDeleted;
    private final List<FieldDef> fields;
    private final Map<String, FieldDef> byLowerName = new LinkedHashMap<>();
    private final Map<String, FieldDef> byLowerRelationship = new LinkedHashMap<>();

    ObjectDef(String name, String label, String labelPlural, String keyPrefix, boolean apiWritable, List<FieldDef> fields) {
        this.name = name;
        this.label = label;
        this.labelPlural = labelPlural;
        this.keyPrefix = keyPrefix;
        this.apiWritable = apiWritable;
        this.fields = List.copyOf(fields);
        for (FieldDef f : fields) {
            byLowerName.put(f.name().toLowerCase(Locale.ROOT), f);
            if (f.relationshipName() != null) {
                byLowerRelationship.put(f.relationshipName().toLowerCase(Locale.ROOT), f);
            }
        }
        this.hasIsDeleted = byLowerName.containsKey("isdeleted");
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String labelPlural() {
        return labelPlural;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /** Whether create/update/delete through the REST API is allowed (User is read-only here). */
    public boolean apiWritable() {
        return apiWritable;
    }

    /** User has no IsDeleted column in Salesforce, so it cannot be soft-deleted. */
    public boolean hasIsDeleted() {
        return hasIsDeleted;
    }

    public List<FieldDef> fields() {
        return fields;
    }

    public FieldDef field(String name) {
        return name == null ? null : byLowerName.get(name.toLowerCase(Locale.ROOT));
    }

    public FieldDef relationship(String relationshipName) {
        return byLowerRelationship.get(relationshipName.toLowerCase(Locale.ROOT));
    }
}
