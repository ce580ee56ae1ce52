package io.custsync.store;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sync.store.embedded.*}: where the embedded PostgreSQL keeps its data and binaries. */
@ConfigurationProperties("sync.store.embedded")
public class EmbeddedStoreProperties {

    /** Data directory; survives restarts. */
    private Path dataDir = Path.of("data/postgres");
    /** Where the PostgreSQL binaries are unpacked. */
    private Path workDir = Path.of("data/postgres-bin");
    /** 0 picks a free port at each start. */
    private int port = 0;
    private int poolSize = 10;

    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public Path getWorkDir() { return workDir; }
    public void setWorkDir(Path workDir) { this.workDir = workDir; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public int getPoolSize() { return poolSize; }
    public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
}
