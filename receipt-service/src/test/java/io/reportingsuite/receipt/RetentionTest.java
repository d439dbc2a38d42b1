package io.reportingsuite.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.receipt.soap.CaseSystemStub;
import io.reportingsuite.support.retention.RetentionJob;
import io.reportingsuite.support.retention.RetentionReport;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention with a controlled clock (30 days, warning 10 days before): exactly the files past 30 days are
 * deleted, exactly those past 20 days are warned about, once, through each system's port (KSD: e-mail to a
 * real SMTP server, KY: SOAP {@code NotifyRetention} to the recording case-system stub); files being
 * written are never touched.
 */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class RetentionTest {

    @Inject
    MutableClock clock;

    @Inject
    RetentionJob retention;

    @Inject
    CaseSystemStub caseSystem;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void deletesAndWarnsExactlyTheFilesItShould() throws Exception {
        Instant now = Instant.now();
        clock.fixAt(now);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path ksd = ReceiptTestResource.DATA.resolve("sftp/KSD_STYRETSFTP");
        Path quarantine = ReceiptTestResource.DATA.resolve("quarantine");
        Path expired = file(ksd, tag + "-31d.txt", now.minus(Duration.ofDays(31)));
        Path dueForWarning = file(ksd, tag + "-25d.txt", now.minus(Duration.ofDays(25)));
        Path young = file(ksd, tag + "-19d.txt", now.minus(Duration.ofDays(19)));
        Path writing = file(ksd, tag + "-40d.txt.part", now.minus(Duration.ofDays(40)));
        Path parked = file(quarantine, tag + "-35d.txt", now.minus(Duration.ofDays(35)));
        Path kyDue = file(ReceiptTestResource.DATA.resolve("sftp/KY_STYRETSFTP"), tag + "-KY-22d.txt",
                now.minus(Duration.ofDays(22)));

        RetentionReport first = retention.run();
        assertThat(first.deleted()).containsExactlyInAnyOrder(expired, parked);
        assertThat(first.deletedBytes()).isEqualTo(2 * 10);
        assertThat(first.warned()).containsExactlyInAnyOrder(dueForWarning, kyDue);
        assertThat(mailsAbout(tag)).singleElement().satisfies(mail -> {
            assertThat(mail.to()).containsExactly(ReceiptTestResource.KSD_WARNING_EMAIL);
            assertThat(mail.subject()).contains("KSD_STYRETSFTP").contains(deletionDay(now, 25).toString());
            assertThat(mail.text()).contains(tag + "-25d.txt").contains(deletionDay(now, 25).toString())
                    .doesNotContain(tag + "-19d.txt").doesNotContain("0123456789");
        });
        assertThat(soapWarningsAbout(tag)).singleElement().satisfies(warning -> {
            assertThat(warning.recipients()).containsExactly("KY_STYRETSFTP");
            assertThat(warning.deletionDate()).isEqualTo(deletionDay(now, 22).toString());
            assertThat(warning.fileNames()).containsExactly(tag + "-KY-22d.txt");
        });
        assertThat(expired).doesNotExist();
        assertThat(parked).doesNotExist();
        assertThat(dueForWarning).exists();
        assertThat(young).exists();
        assertThat(writing).exists();

        RetentionReport sameDayAgain = retention.run();
        assertThat(sameDayAgain.deleted()).isEmpty();
        assertThat(sameDayAgain.warned()).as("a file is warned about once").isEmpty();
        assertThat(soapWarningsAbout(tag)).hasSize(1);

        clock.advance(Duration.ofDays(6));
        RetentionReport sixDaysLater = retention.run();
        assertThat(sixDaysLater.deleted()).containsExactly(dueForWarning);
        assertThat(sixDaysLater.warned()).containsExactly(young);
        assertThat(writing).exists();
        assertThat(mailsAbout(tag)).hasSize(2).last().satisfies(mail ->
                assertThat(mail.text()).contains(tag + "-19d.txt").doesNotContain(tag + "-25d.txt"));
        assertThat(soapWarningsAbout(tag)).as("KY's file was warned about already").hasSize(1);
        Files.delete(kyDue);
    }

    /**
     * Issue 14, "two of everything": replicas share the database and the folders, and their crons fire in the same
     * second. Four runs started at once (as four instances would) warn about each due file once and delete each
     * expired file once: one run holds the run lock, the others do nothing; a run afterwards finds it all done.
     */
    @Test
    void runsStartedAtOnceByReplicasWarnAndDeleteOnce() throws Exception {
        Instant now = Instant.now();
        clock.fixAt(now);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path ky = ReceiptTestResource.DATA.resolve("sftp/KY_STYRETSFTP");
        List<Path> due = new ArrayList<>();
        List<Path> expired = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            due.add(file(ky, tag + "-KY-" + i + "-24d.txt", now.minus(Duration.ofDays(24))));
            expired.add(file(ky, tag + "-KY-" + i + "-33d.txt", now.minus(Duration.ofDays(33))));
        }
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RetentionReport>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(replicas.submit(() -> {
                    go.await();
                    return retention.run();
                }));
            }
            go.countDown();
            List<Path> warned = new ArrayList<>();
            List<Path> deleted = new ArrayList<>();
            for (Future<RetentionReport> run : runs) {
                RetentionReport report = run.get(60, TimeUnit.SECONDS);
                warned.addAll(report.warned());
                deleted.addAll(report.deleted());
            }
            assertThat(warned).as("warned by all runs together").containsExactlyInAnyOrderElementsOf(due);
            assertThat(deleted).as("deleted by all runs together").containsExactlyInAnyOrderElementsOf(expired);
            assertThat(soapWarningsAbout(tag)).as("NotifyRetention calls for KY").singleElement()
                    .satisfies(w -> assertThat(w.fileNames()).hasSize(5));
            assertThat(retention.run().warned()).as("a later run").isEmpty();
            assertThat(soapWarningsAbout(tag)).hasSize(1);
        } finally {
            replicas.shutdownNow();
            for (Path file : due) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static LocalDate deletionDay(Instant now, int ageDays) {
        return now.minus(Duration.ofDays(ageDays)).plus(Duration.ofDays(30)).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static List<MailServer.Received> mailsAbout(String tag) throws Exception {
        return MailServer.inbox(ReceiptTestResource.KSD_WARNING_EMAIL).stream()
                .filter(mail -> mail.text().contains(tag)).toList();
    }

    private List<CaseSystemStub.RetentionWarning> soapWarningsAbout(String tag) {
        return caseSystem.retentionWarnings().stream()
                .filter(w -> w.fileNames().stream().anyMatch(name -> name.startsWith(tag))).toList();
    }

    private static Path file(Path dir, String name, Instant modified) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.write(dir.resolve(name), "0123456789".getBytes());
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
