package io.custsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void computesTheCaseSafeSuffixSalesforceDocumentsForAKnownId() {
        // The 15/18-char pair from Salesforce's own documentation and knowledge articles.
        assertThat(SalesforceIds.to18("001D000000IqhSL")).isEqualTo("001D000000IqhSLIAZ");
        assertThat(SalesforceIds.to18("001D000000IqhSLIAZ")).isEqualTo("001D000000IqhSLIAZ");
        assertThat(SalesforceIds.to18("001d000000iqhsliaz")).isNull();
    }

    @Test
    void rejectsTextThatIsNotAnId() {
        assertThat(SalesforceIds.to18("001")).isNull();
        assertThat(SalesforceIds.to18("001D000000IqhS-")).isNull();
        assertThat(SalesforceIds.to18("001D000000IqhSLAAA")).isNull();
    }

    @Test
    void encodesTheRowInTheIdAndReadsItBack() {
        String id = SalesforceIds.of("003", 999_999);
        assertThat(id).hasSize(18).startsWith("003Hs0");
        assertThat(SalesforceIds.to18(id.substring(0, 15))).isEqualTo(id);
        assertThat(SalesforceIds.sequence(id, "003")).isEqualTo(999_999);
        assertThat(SalesforceIds.sequence(id, "001")).isEqualTo(-1);
        assertThat(SalesforceIds.of("001", 0)).isEqualTo("001Hs0000000000IAA");
    }
}
