package io.custsync.sandbox.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for an admin's validation rules: "reject a write that leaves {@code field} equal to
 * {@code value}", answered with FIELD_CUSTOM_VALIDATION_EXCEPTION like a real rule's error message.
 */
public final class ValidationRules {

    /**
     * @param errorField the field the error is shown on (becomes {@code fields}), or null for a page-level error
     */
    public record Rule(String id, String sObject, String field, String value, String message, String errorField) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    Rule add(String sObject, String field, String value, String message, String errorField) {
        Rule rule = new Rule("rule-" + ids.incrementAndGet(), sObject, field, value, message, errorField);
        rules.add(rule);
        return rule;
    }

    void clear() {
        rules.clear();
    }

    List<Rule> rules() {
        return List.copyOf(rules);
    }

    void check(ObjectDef def, Map<String, Object> record) {
        for (Rule r : rules) {
            if (!r.sObject().equalsIgnoreCase(def.name())) {
                continue;
            }
            FieldDef f = def.field(r.field());
            Object v = f == null ? null : record.get(f.name());
            String actual = v == null ? null : v instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : v.toString();
            boolean matches = r.value() == null ? actual == null : actual != null && actual.equalsIgnoreCase(r.value());
            if (matches) {
                throw new ApiError(400, "FIELD_CUSTOM_VALIDATION_EXCEPTION", r.message(),
                        r.errorField() == null ? List.of() : List.of(Objects.requireNonNull(def.field(r.errorField()),
                                r.errorField()).name()));
            }
        }
    }
}
