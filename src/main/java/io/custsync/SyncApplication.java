package io.custsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Intercom / CRM / local-store sync service: routes come from {@code routes/}, settings from {@code config/}. */
@SpringBootApplication
public class SyncApplication {

    public static void main(String[] args) throws IOException {
        // The run command points java.io.tmpdir into data/; the folder may not exist yet on a fresh clone.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        SpringApplication.run(SyncApplication.class, args);
    }
}
