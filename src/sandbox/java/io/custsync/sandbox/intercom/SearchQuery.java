package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Intercom's search language: parsing with the documented limits (≤ 2 levels of nested groups, ≤ 15 filters per
 * group, operators per field type), evaluation against a record, and the updated_at range a query implies (so the
 * store can seek instead of scanning).
 *
 * <p>Contact dates are compared by calendar day in the workspace time zone (stable API ≤ 2.16): {@code =} is the whole
 * day, {@code >} starts at the next day, {@code <} ends before the day. Conversation and ticket dates compare seconds.
 */
final class SearchQuery {
    enum Type { STRING, INTEGER, FLOAT, BOOLEAN, DATE, TAG, ID }

    static final int MAX_FILTERS_PER_GROUP = 15;
    static final int MAX_GROUP_DEPTH = 2;

    /** How one resource is searched: its fields, their types, day-granular dates or not. */
    record Schema(String resource, Map<String, Type> fields, Function<String, Type> dynamicField, boolean dayDates,
            ZoneId zone) {
        Type typeOf(String field) {
            Type t = fields.get(field);
            return t != null ? t : dynamicField.apply(field);
        }

        Set<String> operators(Type t) {
            return switch (t) {
                case STRING -> Set.of("=", "!=", "IN", "NIN", "~", "!~", "^", "$");
                case BOOLEAN -> Set.of("=", "!=", "IN", "NIN");
                case INTEGER, FLOAT -> Set.of("=", "!=", "IN", "NIN", "<", ">", "<=", ">=");
                case TAG -> Set.of("=", "!=");
                case ID -> Set.of("=", "!=", "IN", "NIN");
                case DATE -> dayDates ? Set.of("=", "<", ">") : Set.of("=", "!=", "IN", "NIN", "<", ">", "<=", ">=");
            };
        }
    }

    sealed interface Node permits Filter, Group {
    }

    record Filter(String field, String op, Type type, List<JsonNode> values) implements Node {
    }

    record Group(boolean and, List<Node> children) implements Node {
    }

    final Node root;
    final Schema schema;

    private SearchQuery(Node root, Schema schema) {
        this.root = root;
        this.schema = schema;
    }

    static SearchQuery parse(JsonNode query, Schema schema) {
        if (query == null || !query.isObject()) {
            throw invalid("query is required and must be an object");
        }
        return new SearchQuery(node(query, schema, 0), schema);
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "parameter_invalid", message);
    }

    private static Node node(JsonNode n, Schema schema, int depth) {
        String op = n.path("operator").asText(null);
        if (op == null) {
            throw invalid("operator is required");
        }
        if (op.equals("AND") || op.equals("OR")) {
            int level = depth + 1;
            if (level > MAX_GROUP_DEPTH) {
                throw invalid("Nested filters are limited to " + MAX_GROUP_DEPTH + " levels");
            }
            JsonNode value = n.get("value");
            if (value == null || !value.isArray() || value.isEmpty()) {
                throw invalid("value must be a non-empty array for " + op);
            }
            if (value.size() > MAX_FILTERS_PER_GROUP) {
                throw invalid("There's a limit of " + MAX_FILTERS_PER_GROUP + " filters for each AND or OR group; got "
                        + value.size());
            }
            List<Node> children = new ArrayList<>();
            for (JsonNode c : value) {
                children.add(node(c, schema, level));
            }
            return new Group(op.equals("AND"), children);
        }
        String field = n.path("field").asText(null);
        if (field == null) {
            throw invalid("field is required");
        }
        Type type = schema.typeOf(field);
        if (type == null) {
            throw invalid("'" + field + "' is not a supported " + schema.resource() + " search field");
        }
        if (!schema.operators(type).contains(op)) {
            throw invalid("Operator '" + op + "' is not supported for field '" + field + "' of type "
                    + type.name().toLowerCase(Locale.ROOT));
        }
        JsonNode value = n.get("value");
        List<JsonNode> values = new ArrayList<>();
        if (op.equals("IN") || op.equals("NIN")) {
            if (value == null || !value.isArray()) {
                throw invalid("Operator '" + op + "' requires an array value");
            }
            value.forEach(values::add);
        } else {
            if (value != null && value.isArray()) {
                throw invalid("Operator '" + op + "' does not accept an array value");
            }
            values.add(value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value);
        }
        if (type == Type.DATE || type == Type.INTEGER || type == Type.FLOAT) {
            for (JsonNode v : values) {
                if (!v.isNull() && !v.isNumber() && !(v.isTextual() && v.asText().matches("-?\\d+(\\.\\d+)?"))) {
                    throw invalid("Value '" + v.asText() + "' is not a valid number for field '" + field + "'");
                }
            }
        }
        return new Filter(field, op, type, values);
    }

    /** True if the record (read through {@code field}) matches. Multi-valued fields are Collections. */
    boolean matches(Function<String, Object> field) {
        return eval(root, field);
    }

    private boolean eval(Node n, Function<String, Object> field) {
        if (n instanceof Group g) {
            for (Node c : g.children()) {
                boolean m = eval(c, field);
                if (g.and() && !m) {
                    return false;
                }
                if (!g.and() && m) {
                    return true;
                }
            }
            return g.and();
        }
        Filter f = (Filter) n;
        Object actual = field.apply(f.field());
        return switch (f.op()) {
            case "=" -> anyEquals(f, actual, f.values());
            case "!=" -> !anyEquals(f, actual, f.values());
            case "IN" -> anyEquals(f, actual, f.values());
            case "NIN" -> !anyEquals(f, actual, f.values());
            case ">", "<", ">=", "<=" -> compare(f, actual);
            case "~" -> str(actual).contains(f.values().get(0).asText().toLowerCase(Locale.ROOT));
            case "!~" -> !str(actual).contains(f.values().get(0).asText().toLowerCase(Locale.ROOT));
            case "^" -> str(actual).startsWith(f.values().get(0).asText().toLowerCase(Locale.ROOT));
            case "$" -> str(actual).endsWith(f.values().get(0).asText().toLowerCase(Locale.ROOT));
            default -> false;
        };
    }

    private static String str(Object v) {
        return v == null ? "" : v.toString().toLowerCase(Locale.ROOT);
    }

    private boolean anyEquals(Filter f, Object actual, List<JsonNode> expected) {
        if (actual instanceof Collection<?> many) {
            for (Object a : many) {
                if (anyEquals(f, a, expected)) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode e : expected) {
            if (e.isNull()) {
                if (actual == null) {
                    return true;
                }
                continue;
            }
            if (actual == null) {
                continue;
            }
            switch (f.type()) {
                case DATE -> {
                    if (schema.dayDates() ? day(num(actual)) == day(num(e)) : num(actual) == num(e)) {
                        return true;
                    }
                }
                case INTEGER, FLOAT -> {
                    if (Double.compare(((Number) actual).doubleValue(), Double.parseDouble(e.asText())) == 0) {
                        return true;
                    }
                }
                case BOOLEAN -> {
                    if (actual.equals(e.asBoolean()) || actual.toString().equalsIgnoreCase(e.asText())) {
                        return true;
                    }
                }
                default -> {
                    if (f.field().equals("source.body") ? words(actual).contains(e.asText().toLowerCase(Locale.ROOT))
                            : actual.toString().equalsIgnoreCase(e.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<String> words(Object html) {
        return List.of(html.toString().replaceAll("<[^>]*>", " ").toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+"));
    }

    private boolean compare(Filter f, Object actual) {
        if (actual == null || actual instanceof Collection) {
            return false;
        }
        JsonNode e = f.values().get(0);
        if (e.isNull()) {
            return false;
        }
        int c;
        if (f.type() == Type.DATE && schema.dayDates()) {
            c = Long.compare(day(num(actual)), day(num(e)));
        } else {
            c = Double.compare(((Number) actual).doubleValue(), Double.parseDouble(e.asText()));
        }
        return switch (f.op()) {
            case ">" -> c > 0;
            case "<" -> c < 0;
            case ">=" -> c >= 0;
            default -> c <= 0;
        };
    }

    private static long num(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof JsonNode j) {
            return j.isNumber() ? j.asLong() : (long) Double.parseDouble(j.asText());
        }
        return (long) Double.parseDouble(v.toString());
    }

    long day(long epochSeconds) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSeconds), schema.zone()).toEpochDay();
    }

    long startOfDay(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(schema.zone()).toEpochSecond();
    }

    /** The inclusive [lo, hi] range of {@code field} any match must lie in (Long.MIN/MAX when unconstrained). */
    long[] range(String field) {
        return range(root, field);
    }

    private long[] range(Node n, String field) {
        long[] all = {Long.MIN_VALUE, Long.MAX_VALUE};
        if (n instanceof Group g) {
            long[] acc = g.and() ? all.clone() : null;
            for (Node c : g.children()) {
                long[] r = range(c, field);
                if (g.and()) {
                    acc[0] = Math.max(acc[0], r[0]);
                    acc[1] = Math.min(acc[1], r[1]);
                } else {
                    acc = acc == null ? r.clone() : new long[] {Math.min(acc[0], r[0]), Math.max(acc[1], r[1])};
                }
            }
            return acc;
        }
        Filter f = (Filter) n;
        if (!f.field().equals(field) || f.values().get(0).isNull() || f.type() != Type.DATE) {
            return all;
        }
        long v = num(f.values().get(0));
        if (schema.dayDates()) {
            long d = day(v);
            return switch (f.op()) {
                case "=" -> new long[] {startOfDay(d), startOfDay(d + 1) - 1};
                case ">" -> new long[] {startOfDay(d + 1), Long.MAX_VALUE};
                case "<" -> new long[] {Long.MIN_VALUE, startOfDay(d) - 1};
                default -> all;
            };
        }
        return switch (f.op()) {
            case "=" -> new long[] {v, v};
            case ">" -> new long[] {v + 1, Long.MAX_VALUE};
            case ">=" -> new long[] {v, Long.MAX_VALUE};
            case "<" -> new long[] {Long.MIN_VALUE, v - 1};
            case "<=" -> new long[] {Long.MIN_VALUE, v};
            default -> all;
        };
    }

    /**
     * The value of a top-level {@code field = value} condition (alone or inside the root AND group), or null: such a
     * query can only match records with that value, so a key lookup can replace a scan.
     */
    String equalityValue(String field) {
        List<Node> candidates = root instanceof Group g && g.and() ? g.children() : List.of(root);
        for (Node n : candidates) {
            if (n instanceof Filter f && f.field().equals(field) && f.op().equals("=") && !f.values().get(0).isNull()) {
                return f.values().get(0).asText();
            }
        }
        return null;
    }

    /** True if the query is nothing but range conditions on {@code field} joined by AND, so {@link #range} is exact. */
    boolean isPureRange(String field) {
        return pure(root, field);
    }

    private static boolean pure(Node n, String field) {
        if (n instanceof Group g) {
            return g.and() && g.children().stream().allMatch(c -> pure(c, field));
        }
        Filter f = (Filter) n;
        return f.field().equals(field) && f.type() == Type.DATE && !f.values().get(0).isNull()
                && Set.of("=", ">", "<", ">=", "<=").contains(f.op());
    }
}
