package io.custsync.sandbox.salesforce;

import java.util.List;
import java.util.Map;

/** A parsed and schema-resolved SOQL query. */
record SoqlQuery(ObjectDef from, List<FieldPath> select, boolean countOnly, Expr where, List<Order> orderBy,
        Integer limit, Integer offset) {

    /** A field reference such as {@code Name} or {@code CSM__r.Email}: lookup hops, then a leaf field. */
    record FieldPath(String text, List<FieldDef> hops, FieldDef leaf, ObjectDef leafObject) {

        Object value(Map<String, Object> record, SalesforceRecordStore store) {
            Map<String, Object> current = record;
            for (FieldDef hop : hops) {
                Object id = current.get(hop.name());
                if (id == null) {
                    return null;
                }
                current = store.byId(id.toString());
                // A lookup to a deleted record reads as empty, as in Salesforce.
                if (current == null || Boolean.TRUE.equals(current.get("IsDeleted"))) {
                    return null;
                }
            }
            return current.get(leaf.name());
        }
    }

    record Order(FieldPath path, boolean ascending, boolean nullsFirst) {
    }

    interface Expr {
        boolean test(Map<String, Object> record, SalesforceRecordStore store);
    }
}
