package io.custsync.sandbox.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Describe metadata in Salesforce's shapes: global describe, basic info and full sObject describe. */
final class Describe {

    private Describe() {
    }

    static Map<String, Object> global(Schema schema, String version) {
        List<Object> sobjects = new ArrayList<>();
        for (ObjectDef def : schema.objects()) {
            sobjects.add(summary(def, version));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("encoding", "UTF-8");
        out.put("maxBatchSize", 200);
        out.put("sobjects", sobjects);
        return out;
    }

    static Map<String, Object> basicInfo(ObjectDef def, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("objectDescribe", summary(def, version));
        out.put("recentItems", List.of());
        return out;
    }

    static Map<String, Object> summary(ObjectDef def, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("activateable", false);
        out.put("createable", def.apiWritable());
        out.put("custom", false);
        out.put("customSetting", false);
        out.put("deletable", def.apiWritable() && def.hasIsDeleted());
        out.put("deprecatedAndHidden", false);
        out.put("feedEnabled", false);
        out.put("keyPrefix", def.keyPrefix());
        out.put("label", def.label());
        out.put("labelPlural", def.labelPlural());
        out.put("layoutable", true);
        out.put("mergeable", def.apiWritable());
        out.put("mruEnabled", true);
        out.put("name", def.name());
        out.put("queryable", true);
        out.put("replicateable", true);
        out.put("retrieveable", true);
        out.put("searchable", true);
        out.put("triggerable", true);
        out.put("undeletable", def.hasIsDeleted());
        out.put("updateable", def.apiWritable());
        out.put("urls", urls(def, version));
        return out;
    }

    static Map<String, Object> describe(ObjectDef def, String version) {
        Map<String, Object> out = summary(def, version);
        List<Object> fields = new ArrayList<>();
        for (FieldDef f : def.fields()) {
            fields.add(field(f));
        }
        out.put("fields", fields);
        out.put("childRelationships", List.of());
        out.put("recordTypeInfos", List.of());
        return out;
    }

    private static Map<String, Object> field(FieldDef f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("autoNumber", false);
        m.put("byteLength", f.type().isText() || f.type().isId() ? f.length() * 3 : 0);
        m.put("calculated", false);
        m.put("caseSensitive", false);
        m.put("createable", f.createable());
        m.put("custom", f.custom());
        m.put("defaultedOnCreate", f.type() == FieldType.BOOLEAN || "OwnerId".equals(f.name()) || !f.createable());
        m.put("externalId", f.externalId());
        m.put("filterable", true);
        m.put("groupable", f.type() != FieldType.DOUBLE && f.type() != FieldType.DATETIME);
        m.put("idLookup", f.type() == FieldType.ID || f.externalId() || "Email".equals(f.name()));
        m.put("label", f.label());
        m.put("length", f.type().isText() || f.type().isId() ? f.length() : 0);
        m.put("name", f.name());
        m.put("nameField", "Name".equals(f.name()));
        m.put("nillable", f.nillable());
        List<Object> picklist = new ArrayList<>();
        for (String v : f.picklistValues()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("active", true);
            p.put("defaultValue", false);
            p.put("label", v);
            p.put("validFor", null);
            p.put("value", v);
            picklist.add(p);
        }
        m.put("picklistValues", picklist);
        m.put("precision", f.type() == FieldType.DOUBLE ? 18 : 0);
        m.put("referenceTo", f.referenceTo() == null ? List.of() : List.of(f.referenceTo()));
        m.put("relationshipName", f.relationshipName());
        m.put("restrictedPicklist", f.restrictedPicklist());
        m.put("scale", f.type() == FieldType.DOUBLE ? 2 : 0);
        m.put("soapType", f.type().soapType());
        m.put("sortable", true);
        m.put("type", f.type().describeName());
        m.put("unique", f.unique());
        m.put("updateable", f.updateable());
        return m;
    }

    private static Map<String, Object> urls(ObjectDef def, String version) {
        String base = "/services/data/v" + version + "/sobjects/" + def.name();
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("sobject", base);
        urls.put("describe", base + "/describe");
        urls.put("rowTemplate", base + "/{ID}");
        return urls;
    }
}
