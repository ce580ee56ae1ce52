package io.custsync.sandbox.launch;

import io.custsync.connect.SandboxLauncher;
import io.custsync.intercom.IntercomConnection;
import io.custsync.store.CustomerStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the simulators bring to the service when they are on its classpath (listed in
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports of src/sandbox/resources): the
 * launcher the connections use when no credentials are set, and the demo's scores. A build without src/sandbox has
 * neither.
 */
@AutoConfiguration
public class SandboxAutoConfiguration {

    @Bean
    SandboxLauncher sandboxLauncher() {
        return new InProcessSandboxes();
    }

    @Bean
    DemoHealthscores demoHealthscores(CustomerStore customers, IntercomConnection intercom,
                                      @Value("${sync.demo.seed-healthscores:sandbox}") String mode) {
        return new DemoHealthscores(customers, intercom, mode);
    }
}
