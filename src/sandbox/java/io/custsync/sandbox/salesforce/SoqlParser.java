package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.salesforce.SoqlQuery.Expr;
import io.custsync.sandbox.salesforce.SoqlQuery.FieldPath;
import io.custsync.sandbox.salesforce.SoqlQuery.Order;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small recursive-descent parser for the SOQL subset the sync uses:
 * {@code SELECT fields|COUNT() FROM obj [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...]
 * [LIMIT n] [OFFSET n]} with AND/OR/NOT, parentheses, = != <> < <= > >=, [NOT] IN (values or an id
 * semi-join sub-select), [NOT] LIKE, and string,
 * number, boolean, null, date and datetime literals. Errors carry Salesforce's codes (MALFORMED_QUERY,
 * INVALID_FIELD, INVALID_TYPE, INVALID_QUERY_FILTER_OPERATOR) and its "ERROR at Row:r:Column:c" message.
 */
final class SoqlParser {

    private enum Kind { IDENT, STRING, NUMBER, DATETIME, DATE, SYMBOL, EOF }

    private record Token(Kind kind, String text, int pos) {
        boolean is(String keyword) {
            return (kind == Kind.IDENT || kind == Kind.SYMBOL) && text.equalsIgnoreCase(keyword);
        }
    }

    private record Literal(Kind kind, Object value, Token token) {
    }

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final List<String> RESERVED = List.of("select", "from", "where", "order", "by", "limit",
            "offset", "and", "or", "not", "in", "like", "asc", "desc", "nulls", "first", "last", "group", "having",
            "with", "null", "true", "false");

    private final String soql;
    private final Schema schema;
    private final List<Token> tokens;
    private int next;

    private SoqlParser(String soql, Schema schema) {
        this.soql = soql;
        this.schema = schema;
        this.tokens = lex(soql);
    }

    static SoqlQuery parse(String soql, Schema schema) {
        return new SoqlParser(soql, schema).query();
    }

    // ---- lexer

    private List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                int start = i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i++);
                    if (d == '\\' && i < s.length()) {
                        char e = s.charAt(i++);
                        sb.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            // \% and \_ stay escaped so LIKE can tell them from wildcards.
                            case '%', '_' -> "\\" + e;
                            default -> e;
                        });
                    } else if (d == '\'') {
                        closed = true;
                        break;
                    } else {
                        sb.append(d);
                    }
                }
                if (!closed) {
                    throw malformed(start, "unexpected token: '" + s.substring(start) + "'");
                }
                out.add(new Token(Kind.STRING, sb.toString(), start));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                Matcher m = DATETIME.matcher(s).region(i, s.length());
                Kind kind;
                if (m.lookingAt()) {
                    kind = Kind.DATETIME;
                } else if ((m = DATE.matcher(s).region(i, s.length())).lookingAt()) {
                    kind = Kind.DATE;
                } else if ((m = NUMBER.matcher(s).region(i, s.length())).lookingAt()) {
                    kind = Kind.NUMBER;
                } else {
                    throw malformed(i, "unexpected token: '" + c + "'");
                }
                out.add(new Token(kind, m.group(), i));
                i = m.end();
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.IDENT, s.substring(start, i), start));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                    out.add(new Token(Kind.SYMBOL, two, i));
                    i += 2;
                } else if ("(),=<>:".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
                    i++;
                } else {
                    throw malformed(i, "unexpected token: '" + c + "'");
                }
            }
        }
        out.add(new Token(Kind.EOF, "<EOF>", s.length()));
        return out;
    }

    // ---- grammar

    private SoqlQuery query() {
        SoqlQuery q = select();
        if (peek().kind != Kind.EOF) {
            throw unexpected(peek());
        }
        return q;
    }

    private SoqlQuery select() {
        expectKeyword("SELECT");
        List<Token> fieldTokens = new ArrayList<>();
        boolean count = false;
        if (peek().is("COUNT") && peek(1).is("(")) {
            next += 2;
            expectSymbol(")");
            count = true;
        } else {
            do {
                Token t = take();
                if (t.kind != Kind.IDENT || isReserved(t)) {
                    throw unexpected(t);
                }
                fieldTokens.add(t);
            } while (accept(","));
        }
        expectKeyword("FROM");
        Token objectToken = take();
        if (objectToken.kind != Kind.IDENT || isReserved(objectToken)) {
            throw unexpected(objectToken);
        }
        ObjectDef from = schema.object(objectToken.text);
        if (from == null) {
            throw error("INVALID_TYPE", objectToken.pos, "sObject type '" + objectToken.text + "' is not supported."
                    + " If you are attempting to use a custom object, be sure to append the '__c' after the entity"
                    + " name. Please reference your WSDL or the describe call for the appropriate names.");
        }
        List<FieldPath> select = new ArrayList<>();
        for (Token t : fieldTokens) {
            select.add(resolve(from, t));
        }
        Expr where = null;
        if (acceptKeyword("WHERE")) {
            where = orExpr(from);
        }
        List<Order> orderBy = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                FieldPath path = resolve(from, identifier());
                boolean asc = true;
                if (acceptKeyword("DESC")) {
                    asc = false;
                } else {
                    acceptKeyword("ASC");
                }
                boolean nullsFirst = asc;
                if (acceptKeyword("NULLS")) {
                    if (acceptKeyword("FIRST")) {
                        nullsFirst = true;
                    } else {
                        expectKeyword("LAST");
                        nullsFirst = false;
                    }
                }
                orderBy.add(new Order(path, asc, nullsFirst));
            } while (accept(","));
        }
        Integer limit = acceptKeyword("LIMIT") ? nonNegativeInt() : null;
        Integer offset = acceptKeyword("OFFSET") ? nonNegativeInt() : null;
        return new SoqlQuery(from, select, count, where, orderBy, limit, offset);
    }

    private Expr orExpr(ObjectDef from) {
        List<Expr> parts = new ArrayList<>();
        parts.add(andExpr(from));
        while (acceptKeyword("OR")) {
            parts.add(andExpr(from));
        }
        return parts.size() == 1 ? parts.get(0) : (r, s) -> parts.stream().anyMatch(e -> e.test(r, s));
    }

    private Expr andExpr(ObjectDef from) {
        List<Expr> parts = new ArrayList<>();
        parts.add(unary(from));
        while (acceptKeyword("AND")) {
            parts.add(unary(from));
        }
        return parts.size() == 1 ? parts.get(0) : (r, s) -> parts.stream().allMatch(e -> e.test(r, s));
    }

    private Expr unary(ObjectDef from) {
        if (acceptKeyword("NOT")) {
            Expr inner = unary(from);
            return (r, s) -> !inner.test(r, s);
        }
        if (accept("(")) {
            Expr inner = orExpr(from);
            expectSymbol(")");
            return inner;
        }
        return comparison(from);
    }

    private Expr comparison(ObjectDef from) {
        FieldPath path = resolve(from, identifier());
        FieldDef f = path.leaf();
        Token op = take();
        boolean negate = false;
        if (op.is("NOT")) {
            negate = true;
            op = take();
            if (!op.is("IN") && !op.is("LIKE")) {
                throw unexpected(op);
            }
        }
        if (op.is("IN")) {
            expectSymbol("(");
            if (peek().is("SELECT")) {
                return semiJoin(path, negate);
            }
            List<Object> values = new ArrayList<>();
            do {
                values.add(typed(f, literal(), "IN"));
            } while (accept(","));
            expectSymbol(")");
            boolean not = negate;
            return (r, s) -> {
                Object v = path.value(r, s);
                boolean in = values.stream().anyMatch(x -> compare(f, v, x) == 0);
                return not != in;
            };
        }
        if (op.is("LIKE")) {
            Literal lit = literal();
            if (!f.type().isText() || lit.kind != Kind.STRING) {
                throw error("INVALID_QUERY_FILTER_OPERATOR", op.pos, "invalid operator on field " + f.name() + ": LIKE");
            }
            Pattern like = likePattern((String) lit.value);
            boolean not = negate;
            return (r, s) -> {
                Object v = path.value(r, s);
                return v != null && not != like.matcher(v.toString()).matches();
            };
        }
        String operator = op.text;
        if (op.kind != Kind.SYMBOL || !List.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(operator)) {
            throw unexpected(op);
        }
        Object value = typed(f, literal(), operator);
        return switch (operator) {
            case "=" -> (r, s) -> compare(f, path.value(r, s), value) == 0;
            case "!=", "<>" -> (r, s) -> compare(f, path.value(r, s), value) != 0;
            // Ordered comparisons are false for nulls on either side, as in Salesforce.
            case "<" -> (r, s) -> ordered(f, path.value(r, s), value, c -> c < 0);
            case "<=" -> (r, s) -> ordered(f, path.value(r, s), value, c -> c <= 0);
            case ">" -> (r, s) -> ordered(f, path.value(r, s), value, c -> c > 0);
            default -> (r, s) -> ordered(f, path.value(r, s), value, c -> c >= 0);
        };
    }

    /**
     * {@code AccountId [NOT] IN (SELECT Id FROM Account WHERE ...)}: the inner query runs once per outer query,
     * on first use, and must select a single id field.
     */
    private Expr semiJoin(FieldPath path, boolean negate) {
        Token start = peek();
        SoqlQuery inner = select();
        expectSymbol(")");
        if (!path.leaf().type().isId() || inner.countOnly() || inner.select().size() != 1
                || !inner.select().get(0).leaf().type().isId()) {
            throw error("INVALID_FIELD", start.pos, "semi join sub-selects must select a single id field, and the"
                    + " outer field must be an id field");
        }
        FieldPath selected = inner.select().get(0);
        java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> ids = new java.util.concurrent.atomic.AtomicReference<>();
        return (r, s) -> {
            if (ids.get() == null) {
                java.util.Set<String> found = new java.util.HashSet<>();
                ObjectDef def = inner.from();
                for (int row = 0; row < s.size(def); row++) {
                    Map<String, Object> rec = s.get(def, row);
                    if (!Boolean.TRUE.equals(rec.get("IsDeleted")) && (inner.where() == null || inner.where().test(rec, s))) {
                        Object v = selected.value(rec, s);
                        if (v != null) {
                            found.add(v.toString());
                        }
                    }
                }
                ids.set(found);
            }
            Object v = path.value(r, s);
            boolean in = v != null && ids.get().contains(v.toString());
            return negate != in;
        };
    }

    private static boolean ordered(FieldDef f, Object a, Object b, java.util.function.IntPredicate test) {
        return a != null && b != null && test.test(compare(f, a, b));
    }

    /** Compares two field values of one type; nulls are equal to each other only. */
    static int compare(FieldDef f, Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        if (f.type().isText()) {
            return String.CASE_INSENSITIVE_ORDER.compare(a.toString(), b.toString());
        }
        return switch (f.type()) {
            case DOUBLE -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case DATETIME -> ((Instant) a).compareTo((Instant) b);
            default -> a.toString().compareTo(b.toString());
        };
    }

    static Comparator<Object> nullSafe(FieldDef f, boolean nullsFirst) {
        return (a, b) -> {
            if (a == null || b == null) {
                if (a == b) {
                    return 0;
                }
                return (a == null) == nullsFirst ? -1 : 1;
            }
            return compare(f, a, b);
        };
    }

    /** Checks a literal against the field's type the way Salesforce does, and converts it. */
    private Object typed(FieldDef f, Literal lit, String operator) {
        if (lit.kind == Kind.IDENT && lit.value == null) {
            if (!operator.equals("=") && !operator.equals("!=") && !operator.equals("<>") && !operator.equals("IN")) {
                throw error("INVALID_QUERY_FILTER_OPERATOR", lit.token.pos, "invalid operator on null: " + operator);
            }
            return null;
        }
        String name = f.name();
        if (f.type().isId()) {
            if (lit.kind != Kind.STRING) {
                throw error("INVALID_FIELD", lit.token.pos, "value of filter criterion for field '" + name
                        + "' must be of type id and should be enclosed in quotes");
            }
            String id = SalesforceIds.to18((String) lit.value);
            if (id == null) {
                throw error("INVALID_QUERY_FILTER_OPERATOR", lit.token.pos, "invalid ID field: " + lit.value);
            }
            return id;
        }
        if (f.type().isText()) {
            if (lit.kind != Kind.STRING) {
                throw error("INVALID_FIELD", lit.token.pos, "value of filter criterion for field '" + name
                        + "' must be of type string and should be enclosed in quotes");
            }
            return ((String) lit.value).replace("\\%", "%").replace("\\_", "_");
        }
        Kind wanted = switch (f.type()) {
            case DOUBLE -> Kind.NUMBER;
            case DATETIME -> Kind.DATETIME;
            default -> Kind.IDENT;
        };
        String typeName = switch (f.type()) {
            case DOUBLE -> "double";
            case DATETIME -> "dateTime";
            default -> "boolean";
        };
        if (lit.kind != wanted || (f.type() == FieldType.BOOLEAN && !(lit.value instanceof Boolean))) {
            throw error("INVALID_FIELD", lit.token.pos, "value of filter criterion for field '" + name
                    + "' must be of type " + typeName + " and should not be enclosed in quotes");
        }
        return lit.value;
    }

    private Literal literal() {
        Token t = take();
        return switch (t.kind) {
            case STRING -> new Literal(Kind.STRING, t.text, t);
            case NUMBER -> new Literal(Kind.NUMBER, Double.parseDouble(t.text), t);
            case DATETIME -> {
                Instant at = SfJson.parse(t.text.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2"));
                if (at == null) {
                    throw malformed(t.pos, "line 1:" + t.pos + " no viable alternative at character '" + t.text + "'");
                }
                yield new Literal(Kind.DATETIME, at, t);
            }
            case DATE -> new Literal(Kind.DATE, LocalDate.parse(t.text).atStartOfDay(ZoneOffset.UTC).toInstant(), t);
            case IDENT -> {
                if (t.is("null")) {
                    yield new Literal(Kind.IDENT, null, t);
                }
                if (t.is("true") || t.is("false")) {
                    yield new Literal(Kind.IDENT, Boolean.parseBoolean(t.text.toLowerCase(Locale.ROOT)), t);
                }
                throw unexpected(t);
            }
            default -> throw unexpected(t);
        };
    }

    private static Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private FieldPath resolve(ObjectDef from, Token t) {
        String[] parts = t.text.split("\\.", -1);
        int start = 0;
        // "Account.Name FROM Account" may name the queried object itself first.
        if (parts.length > 1 && parts[0].equalsIgnoreCase(from.name()) && from.relationship(parts[0]) == null) {
            start = 1;
        }
        ObjectDef current = from;
        List<FieldDef> hops = new ArrayList<>();
        for (int i = start; i < parts.length - 1; i++) {
            FieldDef rel = current.relationship(parts[i]);
            if (rel == null) {
                throw error("INVALID_FIELD", t.pos, "Didn't understand relationship '" + parts[i] + "' in field path."
                        + " If you are attempting to use a custom relationship, be sure to append the '__r' after the"
                        + " custom relationship name. Please reference your WSDL or the describe call for the"
                        + " appropriate names.");
            }
            hops.add(rel);
            current = Objects.requireNonNull(schema.object(rel.referenceTo()));
        }
        String leafName = parts[parts.length - 1];
        FieldDef leaf = current.field(leafName);
        if (leaf == null) {
            throw error("INVALID_FIELD", t.pos, "No such column '" + leafName + "' on entity '" + current.name()
                    + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom"
                    + " field name. Please reference your WSDL or the describe call for the appropriate names.");
        }
        return new FieldPath(t.text, List.copyOf(hops), leaf, current);
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(next);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind != Kind.EOF) {
            next++;
        }
        return t;
    }

    private boolean accept(String symbol) {
        if (peek().kind == Kind.SYMBOL && peek().text.equals(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().kind == Kind.IDENT && peek().is(keyword)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw unexpected(peek());
        }
    }

    private void expectSymbol(String symbol) {
        if (!accept(symbol)) {
            throw unexpected(peek());
        }
    }

    private Token identifier() {
        Token t = take();
        if (t.kind != Kind.IDENT || isReserved(t)) {
            throw unexpected(t);
        }
        return t;
    }

    private int nonNegativeInt() {
        Token t = take();
        if (t.kind != Kind.NUMBER || t.text.contains(".") || t.text.startsWith("-")) {
            throw unexpected(t);
        }
        return Integer.parseInt(t.text);
    }

    private static boolean isReserved(Token t) {
        return RESERVED.contains(t.text.toLowerCase(Locale.ROOT));
    }

    private ApiError unexpected(Token t) {
        return malformed(t.pos, "unexpected token: '" + t.text + "'");
    }

    private ApiError malformed(int pos, String message) {
        return error("MALFORMED_QUERY", pos, message);
    }

    /** Salesforce echoes the query line, a caret under the offending column, then the message. */
    private ApiError error(String code, int pos, String message) {
        int lineStart = soql.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
        if (pos == 0) {
            lineStart = 0;
        }
        int lineEnd = soql.indexOf('\n', pos);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int row = 1 + (int) soql.substring(0, lineStart).chars().filter(ch -> ch == '\n').count();
        int column = pos - lineStart + 1;
        String text = "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:" + column
                + "\n" + message;
        return new ApiError(400, code, text);
    }

}
