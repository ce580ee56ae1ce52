package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The four pagination styles. Cursors are opaque base64 so a client cannot construct them, and the page number in
 * {@code pages} keeps counting across requests. A list cursor is "page:sortValue:index"; a search cursor also carries
 * what makes it valid only for its own result set (see {@link SearchCursor}).
 */
final class Paging {
    private Paging() {
    }

    record Cursor(int page, long sortValue, long idx) {
    }

    static String encode(int page, long sortValue, long idx) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((page + ":" + sortValue + ":" + idx).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            return new Cursor(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]));
        } catch (RuntimeException e) {
            throw new ApiException(400, "parameter_invalid", "starting_after is invalid", "starting_after");
        }
    }

    /**
     * Where a search stopped, and which result set that is. Intercom documents {@code starting_after} only as a
     * pointer "to iterate through a result set until all results have been fetched"; here it is bound to the
     * search that made it ({@code binding}: a hash of query, sort and page size), to the data as they stood when
     * that search began ({@code asOf}: the store version whose positions the pages keep), and to the order it gave
     * records with equal sort values ({@code salt}). {@code tie} is the last record's place among its equals.
     */
    record SearchCursor(int page, long sortValue, long tie, long asOf, long salt, int binding) {
    }

    private static final String SEARCH = "s";

    static String encode(SearchCursor c) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((SEARCH + ":" + c.page() + ":" + c.sortValue() + ":"
                + c.tie() + ":" + c.asOf() + ":" + c.salt() + ":" + c.binding()).getBytes(StandardCharsets.UTF_8));
    }

    /** A search cursor, or null for none; anything else (a list cursor, garbage) is refused. */
    static SearchCursor decodeSearch(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (p.length != 7 || !p[0].equals(SEARCH)) {
                throw new IllegalArgumentException();
            }
            return new SearchCursor(Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]),
                    Long.parseLong(p[5]), Integer.parseInt(p[6]));
        } catch (RuntimeException e) {
            throw new ApiException(400, "parameter_invalid", "starting_after is invalid", "starting_after");
        }
    }

    static int perPage(Integer requested, int dflt, int max) {
        if (requested == null) {
            return dflt;
        }
        if (requested < 1) {
            throw new ApiException(400, "parameter_invalid", "per_page must be between 1 and " + max, "per_page");
        }
        return Math.min(requested, max);
    }

    static int totalPages(long total, int perPage) {
        return (int) Math.max(1, (total + perPage - 1) / perPage);
    }

    /** Cursor styles (GET list and search body): next is {page, starting_after} or absent on the last page. */
    static ObjectNode cursorPages(int page, int perPage, long total, String next) {
        ObjectNode p = Views.obj();
        p.put("type", "pages");
        if (next != null) {
            p.putObject("next").put("page", page + 1).put("starting_after", next);
        }
        p.put("page", page);
        p.put("per_page", perPage);
        p.put("total_pages", totalPages(total, perPage));
        return p;
    }

    /** Page-number style: next is the URL of the next page, or null. */
    static ObjectNode linkPages(int page, int perPage, long total, String nextUrl) {
        ObjectNode p = Views.obj();
        p.put("type", "pages");
        p.put("next", nextUrl);
        p.put("page", page);
        p.put("per_page", perPage);
        p.put("total_pages", totalPages(total, perPage));
        return p;
    }
}
