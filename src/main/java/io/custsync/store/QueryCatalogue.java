package io.custsync.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * The one place SQL lives outside the migrations ({@code db/queries.properties}), read by the store's repositories
 * alone: nothing outside {@code io.custsync.store} runs SQL (StoreBoundaryTest), routes included (they call store beans).
 */
@Component
public class QueryCatalogue {

    private static final String RESOURCE = "db/queries.properties";
    private final Properties queries = new Properties();

    public QueryCatalogue() {
        try (InputStream in = QueryCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            queries.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement named {@code query.<name>}; an unknown name is a programming error. */
    public String sql(String name) {
        String sql = queries.getProperty("query." + name);
        if (sql == null) {
            throw new IllegalArgumentException("no query named " + name + " in " + RESOURCE);
        }
        return sql;
    }
}
