package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.mapping.Mappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local stage churn as Salesforce spells it, both ways, so the ledger compares like with like. */
class ChurnStageTest {

    @TempDir
    Path dir;

    private ChurnStage churnStage(String setting) throws IOException {
        Path file = dir.resolve("mappings.yaml");
        Files.writeString(file, """
                objects:
                  customers:
                    salesforce:
                      churn-stage: "%s"
                """.formatted(setting));
        return new ChurnStage(Mappings.load(file));
    }

    @ParameterizedTest(name = "churn-stage \"{0}\": {1} → Salesforce {2}")
    @CsvSource(nullValues = "NULL", value = {
            // setting, local stage → as pushed
            "Churned, churn, Churned",
            "Churned, Renewal, Renewal",
            "Churned, Churn, Churn",          // only the stage churn-on-missing sets is translated
            "Churned, NULL, NULL",
            "'', churn, churn",               // no setting: the stage goes as it is
            "'  ', churn, churn",
            "' Closed Lost ', churn, Closed Lost"})
    void aPushTranslatesChurn(String setting, String local, String pushed) throws IOException {
        assertThat(churnStage(setting).toSalesforce(local)).isEqualTo(pushed);
    }

    @ParameterizedTest(name = "churn-stage \"{0}\": Salesforce {1} → {2}")
    @CsvSource(nullValues = "NULL", value = {
            // setting, Salesforce's stage → as read
            "Churned, Churned, churn",
            "Churned, churned, churn",         // picklist values compare without case
            "Churned, CHURNED, churn",
            "Churned, Renewal, Renewal",
            "Churned, NULL, NULL",
            "'', Churned, Churned",
            "'', churn, churn"})
    void aReadTranslatesItBack(String setting, String remote, String read) throws IOException {
        assertThat(churnStage(setting).fromSalesforce(remote)).isEqualTo(read);
    }
}
