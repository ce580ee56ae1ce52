package io.custsync.mapping;

import java.util.List;

/** The mappings file cannot be used; the message names the file, and each problem its line and key path. */
public class MappingsException extends RuntimeException {

    private final String file;
    private final List<String> problems;

    public MappingsException(String file, List<String> problems) {
        super("Invalid mappings file " + file + ":\n  - " + String.join("\n  - ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() { return file; }
    public List<String> problems() { return problems; }
}
