package io.custsync.ops;

import io.custsync.mapping.MappingsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad mappings file into Spring Boot's plain "APPLICATION FAILED TO START" report. */
public class MappingsFailureAnalyzer extends AbstractFailureAnalyzer<MappingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MappingsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct " + cause.file() + " (the README's \"Mappings\" section lists every key and value), "
                        + "or point SYNC_MAPPINGS at another file.", cause);
    }
}
