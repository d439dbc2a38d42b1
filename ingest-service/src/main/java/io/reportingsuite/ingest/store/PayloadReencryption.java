package io.reportingsuite.ingest.store;

import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Key rotation and the pre-V3 rows: at start-up every payload stored under another key than
 * {@code ingest.payload-encryption.current-key} (or in plaintext, key id {@value PayloadCipher#PLAINTEXT}) is
 * re-encrypted under the current key, in small transactions. Once it has run, an old key can be removed.
 */
@ApplicationScoped
public class PayloadReencryption {

    private static final Logger LOG = Logger.getLogger(PayloadReencryption.class);
    private static final int BATCH = 100;

    private final ForsendelseRepository repository;
    private final IngestConfig config;

    public PayloadReencryption(ForsendelseRepository repository, IngestConfig config) {
        this.repository = repository;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) throws SQLException {
        if (config.payloadEncryption().reencryptAtStart()) {
            run();
        }
    }

    /** @return how many payloads were re-encrypted */
    public long run() throws SQLException {
        long total = 0;
        for (int done = repository.reencrypt(BATCH); done > 0; done = repository.reencrypt(BATCH)) {
            total += done;
        }
        if (total > 0) {
            LOG.infof("Re-encrypted %d stored payloads under key %s", total, config.payloadEncryption().currentKey());
        }
        return total;
    }
}
