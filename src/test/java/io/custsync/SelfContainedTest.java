package io.custsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user's clone has nothing beside it: no build, test or run file may reach outside the repository (the
 * reference material the project was written from lives in a sibling folder on the developers' machines only).
 */
class SelfContainedTest {

    private static final List<String> SCANNED = List.of("pom.xml", "src", "config", "routes", "docker", ".ci");

    @Test
    void nothingReadsOutsideTheClone() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = SCANNED.stream().map(Path::of).filter(Files::exists).flatMap(SelfContainedTest::walk)) {
            offenders = files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().endsWith(".yaml") || !f.startsWith(Path.of("src", "test", "resources", "intercom")))
                    .filter(SelfContainedTest::mentionsASibling)
                    .map(Path::toString).toList();
        }
        assertThat(offenders).as("files that read a folder beside the clone").isEmpty();
    }

    @Test
    void theIntercomSpecTheContractTestsUseIsInTheRepository() {
        assertThat(SelfContainedTest.class.getResource("/intercom/openapi-2.16.yaml")).isNotNull();
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean mentionsASibling(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return text.contains("../shared") && !file.endsWith("SelfContainedTest.java");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
