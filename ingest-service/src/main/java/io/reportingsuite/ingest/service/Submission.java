package io.reportingsuite.ingest.service;

/**
 * One forsendelse as a channel received it: the (not yet checked) HovedIndberetningID, the decoded payload
 * (null when the request had none), the channel name and the authenticated case system's name.
 */
public record Submission(String hovedIndberetningId, byte[] payload, Channel channel, String caller) {

    /** How the forsendelse came in ({@code Channel} message property). */
    public enum Channel {
        SOAP,
        REST,
        /** Styret SFTP (EP_FS2): an uploaded file, notified by SOAP or by a trigger file. */
        SFTP
    }
}
