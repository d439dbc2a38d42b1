package io.reportingsuite.ingest.styret;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Both case systems' kvittering service is the test's {@link KvitteringServer}; a progress event every 5
 * records, so the samples show validation progress on their timeline.
 */
public class StyretProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("suite.case-systems.KY.kvittering-endpoint", KvitteringServer.URL,
                "suite.case-systems.KSD.kvittering-endpoint", KvitteringServer.URL,
                "ingest.styret.progress-every", "5");
    }
}
