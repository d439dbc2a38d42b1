package io.reportingsuite.contracts.eindkomst;

/**
 * Every rule the {@link EIndkomstValidator} applies, with its stable code and a one-line summary. The
 * summary is also the default finding message, so it must never name a value from the input.
 */
public enum Rule {
    E01("The input is empty."),
    E02("The line is shorter than 11 characters or its Lb_nr or Rec_nr is not numeric."),
    E03("Lb_nr does not continue the running line number, which starts at 1 and increases by 1."),
    E04("The file must start with one 1000 record and end with one 9999 record."),
    E05("Antal_records does not equal the number of lines including the 1000 and 9999 records."),
    E06("A 2001 record must directly follow the 1000 record."),
    E07("A 6000 record needs a 5000 record before it in its group, a 6001-6005 record a 6000 record."),
    E08("Hoved_indberetnings_id does not equal the HovedIndberetningID of the request."),
    E09("The line ends with a bare LF or CR instead of CR/LF."),
    E10("The line is longer than the record length of its record type."),
    E11("The record type is unknown."),
    E12("An 8001 record must directly follow a 6000 or 2101 record."),
    F01("A mandatory field is blank."),
    F02("A numeric field contains a character that is not a digit."),
    F03("The field is not a valid date in the form yyyyMMdd."),
    F04("The field is not a valid time in the form HHmmss."),
    F05("The field value is not one of the values allowed for this field."),
    F06("A filler field is not blank."),
    F10("The field is not a valid CPR number (ten digits forming a valid birth date)."),
    F11("The field is not a valid SE/CVR number (eight digits passing the modulus-11 check)."),
    F12("The field is not a known indkomsttype code."),
    F13("Feltnr must be four digits and not 0000."),
    F14("Fortegn must be + or -."),
    F15("A country code must be two upper-case letters."),
    F16("TIN_landekode is required when TIN is given."),
    F17("A 6000 record must give Person_CPR-nr, Person_CVR/SE-nr or Person_medarbejder_nr."),
    F18("Lønperiode_slut is before Lønperiode_start."),
    F20("An apostrophe is not allowed in this field."),
    F21("The field contains a control character."),
    H01("Hoved_indberetnings_id must be A or B followed by 15 letters or digits."),
    H02("The HovedIndberetningID prefix does not match the case system (KY uses A, KSD uses B)."),
    K01("The indkomsttype is not the one the case system reports (KY 06, KSD 07)."),
    K02("Virk_ophør_hos_LSB must be blank when KOMBIT reports."),
    K03("Edb-system is not the case system's (KOMBIT_KY or KOMBIT_KSD)."),
    K04("Record 2111 is for LetLøn only and must not be used by KY or KSD; its content is not checked."),
    X01("The finding limit was reached; further findings are counted but not listed.");

    private final String summary;

    Rule(String summary) {
        this.summary = summary;
    }

    public String code() {
        return name();
    }

    public String summary() {
        return summary;
    }
}
