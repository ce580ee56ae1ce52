package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The four pagination styles. Cursors are opaque base64 of "page:sortValue:index" so a client cannot construct them,
 * and the page number in {@code pages} keeps counting across requests.
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
