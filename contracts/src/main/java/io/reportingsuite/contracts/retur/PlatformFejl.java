package io.reportingsuite.contracts.retur;

/** The platform's own error numbers for an asynchronous fejladvisering (SPEC §4.2, assumption A9). */
public enum PlatformFejl {
    MQ_UNAVAILABLE(9001, "Forsendelsen kunne ikke afleveres til SKAT. Indsend den igen senere."),
    INTERNAL_ERROR(9002, "Intern fejl på Serviceplatformen. Forsendelsen er ikke sendt til SKAT."),
    KVITTERING_UNDELIVERABLE(9003, "Kvitteringen kunne ikke leveres til fagsystemet i opbevaringsperioden."),
    NOT_DECODABLE(9004, "Indberetningen kunne ikke afkodes og er ikke sendt til SKAT.");

    private final int fejlnr;
    private final String fejltekst;

    PlatformFejl(int fejlnr, String fejltekst) {
        this.fejlnr = fejlnr;
        this.fejltekst = fejltekst;
    }

    public int fejlnr() {
        return fejlnr;
    }

    /** Danish, at most 80 characters (the Fejltekst field). */
    public String fejltekst() {
        return fejltekst;
    }
}
