package io.reportingsuite.suite;

/**
 * The two case systems as the suite's local-run registry knows them (ingest's HTTP Basic credentials,
 * receipt's SFTP users; both services' application.properties), with their sample file.
 */
enum CaseSystem {

    KY('A', "ky", "ky-secret", "KY_STYRETSFTP", "ky-valid.txt"),
    KSD('B', "ksd", "ksd-secret", "KSD_STYRETSFTP", "ksd-valid.txt");

    final char prefix;
    final String username;
    final String password;
    final String sftpUser;
    final String sample;

    CaseSystem(char prefix, String username, String password, String sftpUser, String sample) {
        this.prefix = prefix;
        this.username = username;
        this.password = password;
        this.sftpUser = sftpUser;
        this.sample = sample;
    }
}
