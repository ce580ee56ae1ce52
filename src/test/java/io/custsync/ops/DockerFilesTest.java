package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine here: these checks keep the image and compose files honest without one. */
class DockerFilesTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> appEnvironment() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/docker-compose.yml")));
        Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("app");
        return (Map<String, Object>) app.get("environment");
    }

    @Test
    void everyComposeVariableIsOneTheApplicationReadsAndTheReadmeDocuments() throws Exception {
        String config = Files.readString(Path.of("config/application.yaml"));
        String readme = Files.readString(Path.of("README.md"));
        Map<String, Object> environment = appEnvironment();
        assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "CONSOLE_PASSWORD");
        for (String name : environment.keySet()) {
            assertThat(config).as("config/application.yaml binds %s", name).contains("${" + name);
            assertThat(readme).as("README documents %s", name).contains("`" + name + "`");
        }
    }

    @Test
    void theImageCopiesOnlyFilesThatExistInTheBuildContext() throws Exception {
        List<String> copies = Files.readAllLines(Path.of("docker/Dockerfile")).stream()
                .filter(line -> line.startsWith("COPY ") && !line.contains("--from"))
                .map(line -> line.split("\\s+")[1])
                .toList();
        assertThat(copies).contains("pom.xml", "src", "config", "routes");
        for (String source : copies) {
            assertThat(Path.of(source)).as("COPY %s", source).exists();
        }
    }
}
