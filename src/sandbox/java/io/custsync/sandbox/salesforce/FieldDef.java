package io.custsync.sandbox.salesforce;

import java.util.List;

/**
 * One field of an sObject as describe reports it. {@code system} fields are maintained by the sandbox
 * (Id, audit dates, IsDeleted, compound Name) and can be neither created nor updated through the API.
 */
public record FieldDef(
        String name,
        String label,
        FieldType type,
        int length,
        boolean externalId,
        boolean unique,
        boolean createable,
        boolean updateable,
        boolean nillable,
        boolean required,
        String referenceTo,
        String relationshipName,
        List<String> picklistValues,
        boolean restrictedPicklist) {

    public boolean custom() {
        return name.endsWith("__c");
    }

    static FieldDef system(String name, String label, FieldType type) {
        return new FieldDef(name, label, type, type == FieldType.ID ? 18 : 0, false, false, false, false,
                type != FieldType.ID && type != FieldType.BOOLEAN, false, null, null, List.of(), false);
    }

    static FieldDef text(String name, String label, FieldType type, int length, boolean required) {
        return new FieldDef(name, label, type, length, false, false, true, true, !required, required, null, null,
                List.of(), false);
    }

    static FieldDef externalId(String name, String label, int length, boolean unique) {
        return new FieldDef(name, label, FieldType.STRING, length, true, unique, true, true, true, false, null, null,
                List.of(), false);
    }

    static FieldDef lookup(String name, String label, String referenceTo, String relationshipName, boolean nillable) {
        return new FieldDef(name, label, FieldType.REFERENCE, 18, false, false, true, true, nillable, false,
                referenceTo, relationshipName, List.of(), false);
    }

    static FieldDef picklist(String name, String label, boolean restricted, String... values) {
        return new FieldDef(name, label, FieldType.PICKLIST, 255, false, false, true, true, true, false, null, null,
                List.of(values), restricted);
    }

    static FieldDef checkbox(String name, String label) {
        return new FieldDef(name, label, FieldType.BOOLEAN, 0, false, false, true, true, false, false, null, null,
                List.of(), false);
    }

    static FieldDef number(String name, String label) {
        return new FieldDef(name, label, FieldType.DOUBLE, 0, false, false, true, true, true, false, null, null,
                List.of(), false);
    }
}
