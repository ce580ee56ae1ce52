package io.custsync.sync.salesforce;

import io.custsync.mapping.Mappings;
import io.custsync.sync.JsonRecord;
import java.util.ArrayList;
import java.util.List;

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

    private final List<Role> mapped = new ArrayList<>();

    RoleFields(Mappings mappings) {
        for (Mappings.Role role : Mappings.Role.values()) {
            Mappings.RoleTag tag = mappings.roleTag(role);
            if (Mappings.DISABLED.equals(tag.salesforceField())) {
                continue;
            }
            String value = tag.salesforceValue().trim();
            mapped.add(new Role("role:" + role.stored(), role.stored(), tag.salesforceField(), value.isEmpty() ? null : value));
        }
    }

    List<Role> mapped() {
        return mapped;
    }

    Role byKey(String key) {
        return mapped.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }
}
