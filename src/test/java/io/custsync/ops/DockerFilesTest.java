package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custsync.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine here: these checks keep the image and compose files honest without one. */
class DockerFilesTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/docker-compose.yml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> appEnvironment() throws Exception {
        return (Map<String, Object>) service("app").get("environment");
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

    @Test
    @SuppressWarnings("unchecked")
    void theServiceLogsInAsItsOwnRoleNotAsTheDatabaseSuperuser() throws Exception {
        Map<String, Object> database = (Map<String, Object>) service("postgres").get("environment");
        assertThat(appEnvironment().get("SPRING_DATASOURCE_USERNAME")).isEqualTo("sync").isNotEqualTo(database.get("POSTGRES_USER"));
        assertThat(appEnvironment().get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(database.get("SYNC_DB_PASSWORD"));
        // No password has a default: an operator who forgets one gets an error, not a guessable database.
        assertThat(String.valueOf(database.get("POSTGRES_PASSWORD"))).contains(":?");
        assertThat(String.valueOf(database.get("SYNC_DB_PASSWORD"))).contains(":?");
        assertThat((List<String>) service("postgres").get("volumes")).contains("./postgres-init:/docker-entrypoint-initdb.d:ro");
        assertThat(Path.of("docker/postgres-init/10-sync-role.sh")).isExecutable();
    }

    /** The init script's SQL, run on a fresh PostgreSQL as the image would (psql's variable given as a literal). */
    @Test
    void theInitScriptsRoleMigratesTheSchemaAndIsNoSuperuser() throws Exception {
        Matcher sql = Pattern.compile("<<'SQL'\\n(.*?)\\nSQL", Pattern.DOTALL).matcher(Files.readString(Path.of("docker/postgres-init/10-sync-role.sh")));
        assertThat(sql.find()).isTrue();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(TestService.newStoreDir().resolve("compose-pg"))
                .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile()).setServerConfig("unix_socket_directories", "").start()) {
            new JdbcTemplate(pg.getPostgresDatabase()).execute("CREATE DATABASE sync");
            JdbcTemplate superuser = new JdbcTemplate(pg.getDatabase("postgres", "sync"));
            for (String statement : sql.group(1).replace(":'app_password'", "'compose-secret'").split(";\\s*")) {
                if (!statement.isBlank()) {
                    superuser.execute(statement);
                }
            }
            DriverManagerDataSource app = new DriverManagerDataSource(pg.getJdbcUrl("sync", "sync"), "sync", "compose-secret");
            Flyway.configure().dataSource(app).locations("classpath:db/migration").load().migrate();
            JdbcTemplate service = new JdbcTemplate(app);
            assertThat(service.queryForObject("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user",
                    Boolean.class)).isFalse();
            assertThat(service.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'sync'",
                    Long.class)).isZero();
            assertThatThrownBy(() -> service.execute("COPY (SELECT 1) TO PROGRAM 'true'")).hasStackTraceContaining("permission denied");
            assertThatThrownBy(() -> service.queryForList("SELECT * FROM pg_authid")).hasStackTraceContaining("permission denied");
            assertThatThrownBy(() -> service.execute("CREATE DATABASE other")).hasStackTraceContaining("permission denied");
        }
    }

    @Test
    void onlyTheImageListensOnEveryInterface() throws Exception {
        assertThat(Files.readString(Path.of("config/application.yaml"))).contains("address: ${SERVER_ADDRESS:127.0.0.1}");
        assertThat(Files.readAllLines(Path.of("docker/Dockerfile"))).contains("ENV SERVER_ADDRESS=0.0.0.0");
    }
}
