package io.reportingsuite.ingest.styret;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.retention.RetentionJob;
import io.reportingsuite.support.retention.RetentionReport;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention of the Styret areas is service-support's job (the one receipt-service runs) wired to ingest's
 * folders: the upload areas and the platform folder; 30 days to deletion, a warning 10 days before, once.
 */
@QuarkusTest
@TestProfile(StyretChannelsProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class StyretRetentionTest {

    @Inject
    RetentionJob retention;

    @Inject
    StyretAreas areas;

    @Inject
    CaseSystemRegistry registry;

    @Test
    void sweepsTheUploadAreasAndThePlatformFolder() throws Exception {
        Instant now = Instant.now();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path ky = areas.uploadArea(registry.byName("KY").orElseThrow());
        Path ksd = areas.uploadArea(registry.byName("KSD").orElseThrow());
        Path expired = file(ky, tag + "-31d.txt", now.minus(Duration.ofDays(31)));
        Path notifiedExpired = file(areas.platformFolder(), tag + "-40d.txt", now.minus(Duration.ofDays(40)));
        Path due = file(ksd, tag + "-25d.txt", now.minus(Duration.ofDays(25)));
        Path young = file(ky, tag + "-5d.txt", now.minus(Duration.ofDays(5)));

        RetentionReport first = retention.run();
        assertThat(first.deleted()).contains(expired, notifiedExpired).doesNotContain(due, young);
        assertThat(first.warned()).contains(due).doesNotContain(young);
        assertThat(expired).doesNotExist();
        assertThat(notifiedExpired).doesNotExist();
        assertThat(due).exists();
        assertThat(young).exists();

        RetentionReport second = retention.run();
        assertThat(second.warned()).as("each file version is warned about once").doesNotContain(due);
    }

    private static Path file(Path folder, String name, Instant modified) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        Files.writeString(file, name);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
