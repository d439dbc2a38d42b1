package io.reportingsuite.contracts.messaging;

/**
 * Application-property names carried by the suite's AMQP messages (ARCHITECTURE §3): the body is the raw
 * bytes of the official format, the metadata travels here. Names follow SPEC §2.7 where SKAT's MQ uses the
 * same fact, so a forwarder copies them one to one. None of them ever holds personal data.
 */
public final class MessageProperties {

    /** The forsendelse's HovedIndberetningID (A/B + 15 characters). */
    public static final String HOVED_INDBERETNING_ID = "HovedIndberetningID";
    /** {@code INDBERETNING}, {@code SUMKVITTERING}, {@code FEJLADVISERING} or {@code SKATTEKORT}. */
    public static final String FORSENDELSE_TYPE = "ForsendelseType";
    /** The reporting kommune's SE number (record 1000 field 5). */
    public static final String SE_NUMMER = "SENummer";
    /** The case system ({@code KY}, {@code KSD}, ...), as registered in configuration. */
    public static final String SYSTEM = "System";
    /** {@code KOMBIT_KY} / {@code KOMBIT_KSD}: the Edb-system towards SKAT. */
    public static final String AFSENDER = "Afsender";
    /** How the forsendelse came in: {@code SOAP}, {@code REST}, {@code SFTP}. */
    public static final String CHANNEL = "Channel";
    /** Lower-case hex SHA-256 of the body ({@link Sha256#hex}). */
    public static final String CONTENT_SHA256 = "ContentSha256";
    /** When the platform accepted the forsendelse, ISO-8601 UTC. */
    public static final String RECEIVED_AT = "ReceivedAt";
    /**
     * On {@code eindkomst.retur}: the JMS message id SKAT gave the return document on EP_SK3. Stable across
     * redeliveries, so consumers derive deterministic ids from it (e.g. the Beskedfordeler BeskedId).
     */
    public static final String SKAT_MESSAGE_ID = "SkatMessageId";
    /** Number of records (lines) in the body. */
    public static final String RECORD_COUNT = "RecordCount";
    /**
     * Artemis' duplicate-detection key: a deterministic id per logical message, so that an exact retry of
     * a send is dropped by the broker (ARCHITECTURE §3).
     */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private MessageProperties() {
    }
}
