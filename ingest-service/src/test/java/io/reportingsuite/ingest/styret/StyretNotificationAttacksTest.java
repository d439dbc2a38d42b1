package io.reportingsuite.ingest.styret;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SoapAttacksContract;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Hostile XML against the Styret SFTP notification {@code /soap/StyretNotification} (EP_FS2, issue 14): see
 * {@link SoapAttacksContract}. The valid request notifies one uploaded KY file: taken (MOVED) the first time, then
 * an idempotent repeat (REPEATED) — the file is put into KY's upload area again before each valid call, as a case
 * system re-uploading it would.
 */
@QuarkusTest
@TestProfile(StyretChannelsProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class StyretNotificationAttacksTest extends SoapAttacksContract {

    private static final KvitteringServer KVITTERING = new KvitteringServer();
    private static final String ID = Samples.newId('A');
    private static final byte[] FILE = Samples.withId("ky-valid.txt", ID);
    private static final String NAME = "attacks-" + ID + ".txt";

    @Inject
    StyretAreas areas;

    @Inject
    CaseSystemRegistry registry;

    @BeforeAll
    static void kvitteringServiceUp() throws IOException {
        KVITTERING.up();
    }

    @AfterAll
    static void kvitteringServiceDown() {
        KVITTERING.down();
    }

    @Override
    protected String soapPath() {
        return StyretNotificationTest.PATH;
    }

    @Override
    protected String validEnvelope() {
        try {
            Path area = areas.uploadArea(registry.byName("KY").orElseThrow());
            Files.createDirectories(area);
            Files.write(area.resolve(NAME), FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StyretNotificationTest.Trigger(NAME, FILE.length, "KY_STYRETSFTP", ID).soap();
    }

    @Override
    protected RequestSpecification authenticated(RequestSpecification request) {
        return request.auth().preemptive().basic("ky", "ky-secret");
    }
}
