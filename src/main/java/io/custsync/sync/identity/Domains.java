package io.custsync.sync.identity;

import io.custsync.store.CustomerStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/** How websites and email domains are compared, and which domains say nothing about a customer. */
public final class Domains {

    /** Shipped with the project (identity/public-mail-domains.txt), so matching never depends on the network. */
    private static final Set<String> PUBLIC_MAIL = load("/identity/public-mail-domains.txt");

    private Domains() {}

    /** {@code https://www.Acme.com/about}, {@code jo@ACME.com} → {@code acme.com}; blank → null. As the store keeps domains. */
    public static String normalise(String websiteOrEmail) {
        return CustomerStore.domainOf(websiteOrEmail);
    }

    /** A mail provider's domain (gmail.com, …): thousands of unrelated people share it. */
    public static boolean isPublicMail(String normalisedDomain) {
        return normalisedDomain != null && PUBLIC_MAIL.contains(normalisedDomain);
    }

    /** The domain the domain rule may match on: normalised, and null for a public mail domain. */
    public static String matchable(String websiteOrEmail) {
        String d = normalise(websiteOrEmail);
        return isPublicMail(d) ? null : d;
    }

    private static Set<String> load(String resource) {
        try (InputStream in = Domains.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
