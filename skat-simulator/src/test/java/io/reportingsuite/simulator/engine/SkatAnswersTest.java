package io.reportingsuite.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstFileBuilder;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.Sumkvittering;
import io.reportingsuite.contracts.retur.Sumrecord;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.contracts.skattekort.KortType;
import io.reportingsuite.contracts.skattekort.Skattekort;
import io.reportingsuite.contracts.skattekort.SkattekortReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

public class SkatAnswersTest {

    public static final String ID = "A202500000000001";
    public static final String SE_KY = "29800014";
    public static final String SE_KOMMUNE = "31500028";
    public static final String CVR_KOMBIT = "29800030";
    public static final String CPR = "0102311234";
    static final LocalDate JAN = LocalDate.of(2025, 1, 1);
    static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    public static EIndkomstFileBuilder file(String id) {
        return EIndkomstFileBuilder.create(CaseSystem.KY, id, SE_KY, CVR_KOMBIT, LocalDateTime.of(2025, 2, 1, 8, 30))
                .employer(SE_KOMMUNE)
                .employment(CPR, JAN)
                .group("G202501000000001", JAN, LocalDate.of(2025, 1, 31), LocalDate.of(2025, 2, 3))
                .person(CPR)
                .amount("0014", 1_050_000)
                .amount("0015", 390_000)
                .amount("0015", -10_000)
                .code("0045", "A")
                .amount("0046", 9_900);
    }

    @Test
    void valid_forsendelse_gets_sumkvittering_and_skattekort() {
        SkatAnswers.Answer answer = SkatAnswers.answer(file(ID).build(), false, TODAY);

        assertThat(answer.status()).isEqualTo(SkatMq.Status.RECEIVED);
        assertThat(answer.hovedIndberetningId()).isEqualTo(ID);
        assertThat(answer.documents()).extracting(SkatAnswers.ReturnDocument::type)
                .containsExactly(ForsendelseType.SUMKVITTERING, ForsendelseType.SKATTEKORT);

        SkatAnswers.ReturnDocument sum = answer.documents().get(0);
        assertThat(sum.hovedIndberetningId()).isEqualTo(ID);
        assertThat(sum.seNummer()).isEqualTo(SE_KY);
        Sumkvittering kvittering = Sumkvittering.parse(sum.body());
        assertThat(kvittering.start().status()).isEqualTo('M');
        assertThat(kvittering.start().datoSendt()).isEqualTo("20250201");
        assertThat(kvittering.sums()).extracting(Sumrecord::feltnr, Sumrecord::antalLinjer, Sumrecord::signedOere)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(14, 1L, 1_050_000L),
                        org.assertj.core.groups.Tuple.tuple(15, 2L, 380_000L),
                        org.assertj.core.groups.Tuple.tuple(46, 1L, 9_900L));
        assertThat(kvittering.sums()).allSatisfy(s -> {
            assertThat(s.pligtSe()).isEqualTo(SE_KOMMUNE);
            assertThat(s.indberetningsId()).isEqualTo("G202501000000001");
            assertThat(s.edbSystem()).isEqualTo("KOMBIT_KY");
        });

        SkatAnswers.ReturnDocument kort = answer.documents().get(1);
        assertThat(kort.seNummer()).isEqualTo(SE_KOMMUNE);
        Skattekort card = new SkattekortReader().read(kort.body()).forsendelse().skattekort().get(0);
        assertThat(card).isEqualTo(DeterministicSkattekort.of(CPR, SE_KOMMUNE, "1", JAN, 1));
        // last four CPR digits 1234: 30 + (1234 mod 150 = 34) / 10, fradrag 3000 + 50 * (1234 mod 40 = 34)
        assertThat(card.kortType()).isEqualTo(KortType.HOVEDKORT);
        assertThat(card.traekprocent()).isEqualByComparingTo("33.40");
        assertThat(card.fradragMaaned()).isEqualByComparingTo("4700.00");
        assertThat(card.fradragDag()).isEqualByComparingTo(new BigDecimal("154.52"));
        assertThat(card.skatteaar()).isEqualTo(2025);
    }

    @Test
    void already_received_id_is_a_whole_file_fejladvisering() {
        SkatAnswers.Answer answer = SkatAnswers.answer(file(ID).build(), true, TODAY);

        assertThat(answer.status()).isEqualTo(SkatMq.Status.RECEIVED);
        assertThat(answer.documents()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(ForsendelseType.FEJLADVISERING);
            Fejladvisering advice = Fejladvisering.parse(d.body());
            assertThat(advice.start().status()).isEqualTo('A');
            assertThat(advice.fejl()).singleElement()
                    .satisfies(f -> assertThat(f.fejlnr()).isEqualTo(SkatAnswers.FEJLNR_ALREADY_RECEIVED));
        });
    }

    @Test
    void error_in_a_group_rejects_that_group_only() {
        byte[] bad = replaceLine(file(ID).build(), 6, "00000066001000000010500000000+");

        SkatAnswers.Answer answer = SkatAnswers.answer(bad, false, TODAY);

        assertThat(answer.documents()).extracting(SkatAnswers.ReturnDocument::type).containsExactly(
                ForsendelseType.FEJLADVISERING, ForsendelseType.SUMKVITTERING, ForsendelseType.SKATTEKORT);
        Fejladvisering advice = Fejladvisering.parse(answer.documents().get(0).body());
        assertThat(advice.start().status()).isEqualTo('D');
        assertThat(advice.fejl()).allSatisfy(f -> {
            assertThat(f.lbNr()).isEqualTo(6);
            assertThat(f.indberetningsId()).isEqualTo("G202501000000001");
            assertThat(f.seNummer()).isEqualTo(SE_KOMMUNE);
        });
        Sumkvittering kvittering = Sumkvittering.parse(answer.documents().get(1).body());
        assertThat(kvittering.start().status()).isEqualTo('D');
        assertThat(kvittering.sums()).isEmpty();
    }

    @Test
    void structural_error_rejects_the_whole_file() {
        String text = new String(file(ID).build(), StandardCharsets.ISO_8859_1);
        byte[] bad = text.replace("9999000001", "9999000009").getBytes(StandardCharsets.ISO_8859_1);

        SkatAnswers.Answer answer = SkatAnswers.answer(bad, false, TODAY);

        assertThat(answer.documents()).extracting(SkatAnswers.ReturnDocument::type)
                .containsExactly(ForsendelseType.FEJLADVISERING, ForsendelseType.SUMKVITTERING);
        assertThat(Fejladvisering.parse(answer.documents().get(0).body()).start().status()).isEqualTo('A');
        assertThat(Sumkvittering.parse(answer.documents().get(1).body()).sums()).isEmpty();
    }

    @Test
    void unreadable_forsendelse_is_rejected_on_the_status_queue() {
        SkatAnswers.Answer answer = SkatAnswers.answer("not a file".getBytes(StandardCharsets.ISO_8859_1), false,
                TODAY);

        assertThat(answer.status()).isEqualTo(SkatMq.Status.REJECTED);
        assertThat(answer.reason()).isNotBlank();
        assertThat(answer.documents()).isEmpty();
    }

    @Test
    void frikort_for_cpr_ending_in_zero() {
        // last four digits 1230: frikort 40000 + 100 * (1230 mod 200 = 30), traek 30 + (1230 mod 150 = 30) / 10
        Skattekort card = DeterministicSkattekort.of("0102311230", SE_KOMMUNE, "1", JAN, 1);

        assertThat(card.kortType()).isEqualTo(KortType.FRIKORT);
        assertThat(card.frikortBeloeb()).isEqualByComparingTo("43000.00");
        assertThat(card.fradragMaaned()).isNull();
        assertThat(card.traekprocentParagraf17()).isEqualByComparingTo("35.00");
    }

    static byte[] replaceLine(byte[] file, int line, String record) {
        String[] lines = new String(file, StandardCharsets.ISO_8859_1).split("\r\n");
        lines[line - 1] = String.format("%07d", line) + record.substring(7);
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
