package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.sync.Flow;
import io.custsync.mapping.Mappings;
import io.custsync.mapping.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example mappings files in the README's Salesforce section are valid and mean what the text says. */
class SalesforceReadmeExamplesTest {

    private static List<Mappings> examples(Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Salesforce\n");
        String doc = readme.substring(start, readme.indexOf("\n## ", start + 5));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<Mappings> out = new ArrayList<>();
        while (m.find()) {
            Path file = dir.resolve("example-" + out.size() + ".yaml");
            Files.writeString(file, m.group(1));
            out.add(Mappings.load(file));
        }
        return out;
    }

    @Test
    void bothExamplesLoadAndSayWhatTheTextSays(@TempDir Path dir) throws Exception {
        List<Mappings> examples = examples(dir);
        assertThat(examples).hasSize(2);
        Mappings salesforce = examples.get(0);
        assertThat(salesforce.mode("customers", "salesforce")).isEqualTo(Mode.TWO_WAY);
        assertThat(Flow.SALESFORCE_ACCOUNTS_PUSH.enabledBy(salesforce)).isTrue();
        assertThat(salesforce.roleTag(Mappings.Role.SPONSOR).salesforceValue()).isEqualTo("Sponsor");
        assertThat(salesforce.roleTag(Mappings.Role.END_USER).salesforceField()).isEqualTo(Mappings.DISABLED);
        Mappings intercom = examples.get(1);
        for (Flow flow : Flow.values()) {
            if (flow.system().equals("salesforce")) {
                assertThat(flow.enabledBy(intercom)).as(flow.id()).isFalse();
            }
        }
        assertThat(intercom.churnOnMissing().source()).isEqualTo("intercom");
    }
}
