package io.custsync.sync.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "https://www.Acme.com/about,    acme.com",
            "http://acme.com,               acme.com",
            "ACME.COM,                      acme.com",
            "www.acme.com:8443/x?y=1#z,     acme.com",
            "jo@Acme.com,                   acme.com",
            "mailto:jo@www.acme.com,        acme.com",
            "https://shop.acme.co.uk/,      shop.acme.co.uk",
            "'   ',                         null",
            "null,                          null"})
    void normalisesWebsitesAndEmails(String given, String expected) {
        assertThat(Domains.normalise(given)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "https://www.gmail.com,     null",
            "jo@GMAIL.com,              null",
            "someone@outlook.com,       null",
            "https://gmail.acme.com,    gmail.acme.com",
            "acme.com,                  acme.com"})
    void publicMailDomainsNeverMatch(String given, String expected) {
        assertThat(Domains.matchable(given)).isEqualTo(expected);
    }
}
