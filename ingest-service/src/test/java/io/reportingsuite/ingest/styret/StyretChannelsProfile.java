package io.reportingsuite.ingest.styret;

import java.util.HashMap;
import java.util.Map;

/**
 * Every Styret channel at once: the SFTP server of {@link StyretSftpProfile} (a key per case system, small limits)
 * and the SOAP notification with both case systems' kvittering service pointing at the test's {@link
 * KvitteringServer} (as {@link StyretProfile}). Used by tests that need the SFTP login and a notification that
 * completes in one application start (the access matrix, the notification's SOAP attacks), and by the SFTP server's
 * and the retention's tests, which need only the SFTP part: one profile is one application start less (the
 * kvittering endpoints matter only once a notified file is validated).
 */
public class StyretChannelsProfile extends StyretSftpProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("suite.case-systems.KY.kvittering-endpoint", KvitteringServer.URL);
        config.put("suite.case-systems.KSD.kvittering-endpoint", KvitteringServer.URL);
        return config;
    }
}
