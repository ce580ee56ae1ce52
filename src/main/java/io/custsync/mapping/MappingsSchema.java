package io.custsync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The shape a mappings file may take: which keys exist at each path and which values each one accepts.
 * Validation walks the YAML node tree (not a bound object) so every error can name the line, the key path
 * and the allowed values, and so all errors of a file are reported at once.
 */
abstract class MappingsSchema {

    /** One problem in the file, with the line it is on (1-based, 0 when unknown). */
    record Problem(int line, String path, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ", " : "") + (path.isEmpty() ? "(top level)" : path) + ": " + message;
        }
    }

    /** Validates {@code node} (null when the key is absent) and returns the value with defaults filled in. */
    abstract Object read(Node node, String path, List<Problem> problems);

    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A mapping with a fixed set of keys. */
    static final class Section extends MappingsSchema {
        private final Map<String, MappingsSchema> keys = new LinkedHashMap<>();
        private final String what;

        Section(String what) {
            this.what = what;
        }

        Section key(String name, MappingsSchema schema) {
            keys.put(name, schema);
            return this;
        }

        @Override
        Object read(Node node, String path, List<Problem> problems) {
            Map<String, Node> given = new LinkedHashMap<>();
            if (node instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(tuple.getKeyNode());
                    if (!keys.containsKey(key)) {
                        problems.add(new Problem(line(tuple.getKeyNode()), join(path, key),
                                "unknown " + what + " '" + key + "' (allowed: " + String.join(", ", keys.keySet()) + ")"));
                    } else if (given.put(key, tuple.getValueNode()) != null) {
                        problems.add(new Problem(line(tuple.getKeyNode()), join(path, key), "given twice"));
                    }
                }
            } else if (node != null && !isNull(node)) {
                problems.add(new Problem(line(node), path, "expected a mapping of " + String.join(", ", keys.keySet())));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            keys.forEach((key, schema) -> values.put(key, schema.read(given.get(key), join(path, key), problems)));
            return values;
        }
    }

    /** A scalar that takes one of a fixed set of words. */
    static final class OneOf extends MappingsSchema {
        private final List<String> allowed;
        private final String defaultValue;
        private final String what;

        OneOf(String what, String defaultValue, String... allowed) {
            this.what = what;
            this.defaultValue = defaultValue;
            this.allowed = List.of(allowed);
        }

        @Override
        Object read(Node node, String path, List<Problem> problems) {
            String value = scalar(node, path, problems);
            if (value == null) {
                return defaultValue;
            }
            if (!allowed.contains(value)) {
                problems.add(new Problem(line(node), path,
                        "unknown " + what + " '" + value + "' (allowed: " + String.join(", ", allowed) + ")"));
                return defaultValue;
            }
            return value;
        }
    }

    /** A field name in the target system, or {@code disabled}: a disabled field is never read or written. */
    static final class Field extends MappingsSchema {
        static final String DISABLED = "disabled";
        private final String defaultValue;

        Field(String defaultValue) {
            this.defaultValue = defaultValue;
        }

        @Override
        Object read(Node node, String path, List<Problem> problems) {
            String value = scalar(node, path, problems);
            if (value == null) {
                return defaultValue;
            }
            if (!value.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                problems.add(new Problem(line(node), path,
                        "'" + value + "' is not a field name (letters, digits, '_' and '.', or 'disabled')"));
                return defaultValue;
            }
            return value;
        }
    }

    /** Free text (a SOQL filter, a tag name). */
    static final class Text extends MappingsSchema {
        private final String defaultValue;

        Text(String defaultValue) {
            this.defaultValue = defaultValue;
        }

        @Override
        Object read(Node node, String path, List<Problem> problems) {
            String value = scalar(node, path, problems);
            return value == null ? defaultValue : value;
        }
    }

    static final class Flag extends MappingsSchema {
        private final boolean defaultValue;

        Flag(boolean defaultValue) {
            this.defaultValue = defaultValue;
        }

        @Override
        Object read(Node node, String path, List<Problem> problems) {
            String value = scalar(node, path, problems);
            if (value == null) {
                return defaultValue;
            }
            if (!Set.of("true", "false").contains(value)) {
                problems.add(new Problem(line(node), path, "expected true or false, got '" + value + "'"));
                return defaultValue;
            }
            return Boolean.parseBoolean(value);
        }
    }

    static final class Count extends MappingsSchema {
        private final int defaultValue;
        private final int min;
        private final int max;

        Count(int defaultValue, int min, int max) {
            this.defaultValue = defaultValue;
            this.min = min;
            this.max = max;
        }

        @Override
        Object read(Node node, String path, List<Problem> problems) {
            String value = scalar(node, path, problems);
            if (value == null) {
                return defaultValue;
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(new Problem(line(node), path, "expected a whole number from " + min + " to " + max + ", got '" + value + "'"));
            return defaultValue;
        }
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
    }

    /** The scalar's text, null when absent; a non-scalar is a problem. */
    static String scalar(Node node, String path, List<Problem> problems) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue().trim();
        }
        problems.add(new Problem(line(node), path, "expected a single value, not a " + (node instanceof MappingNode ? "mapping" : "list")));
        return null;
    }

    static List<Problem> newProblems() {
        return new ArrayList<>();
    }
}
