package io.custsync.sync.salesforce;

import io.custsync.mapping.Mappings;
import io.custsync.sync.JsonRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The four role tags as Contact fields: a checkbox each, or one value of a picklist
 * ({@code role-tags.<role>.salesforce-value}). A role whose field is disabled is never read or written.
 */
final class RoleFields {

    /** One mapped role: its ledger key ({@code role:champion}), local role name and Salesforce field. */
    record Role(String key, String role, String field, String picklistValue) {
        boolean holds(JsonRecord record) {
            if (picklistValue == null) {
                return Boolean.TRUE.equals(record.bool(field));
            }
            String value = record.text(field);
            return value != null && value.equalsIgnoreCase(picklistValue);
        }

        /** What the field gets for "holds" / "does not hold"; a picklist is cleared only when it shows this role. */
        Object value(boolean holds) {
            return picklistValue == null ? holds : holds ? picklistValue : null;
        }
    }

    private static final Map<String, String> ROLES = Map.of("champion", "champion", "sponsor", "sponsor",
            "key-user", "key_user", "end-user", "end_user");

    private final List<Role> mapped = new ArrayList<>();

    RoleFields(Mappings mappings) {
        for (String key : List.of("champion", "sponsor", "key-user", "end-user")) {
            String field = mappings.text("objects.contacts.role-tags." + key + ".salesforce-field");
            if (Mappings.DISABLED.equals(field)) {
                continue;
            }
            String value = mappings.text("objects.contacts.role-tags." + key + ".salesforce-value").trim();
            mapped.add(new Role("role:" + ROLES.get(key), ROLES.get(key), field, value.isEmpty() ? null : value));
        }
    }

    List<Role> mapped() {
        return mapped;
    }

    Role byKey(String key) {
        return mapped.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }
}
