package io.reportingsuite.debt.messaging;

import java.nio.charset.StandardCharsets;

/** BatchRequest documents as the batch channel's senders write them. */
final class XmlBatches {

    private XmlBatches() {
    }

    /** Header on lines 1–6 (the first RequestDetail starts on line 7 when {@code details} is empty-free). */
    static byte[] document(String consumerCompanyId, String legalContext, String details) {
        String header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<BatchRequest xmlns=\"http://socialsecurity.be/xml/ns/accountbalance\">\n"
                + "  <RequestInformation><Consumer><CompanyID>" + consumerCompanyId + "</CompanyID></Consumer>"
                + "</RequestInformation>\n"
                + (legalContext == null ? "" : "  <LegalContextInformation><LegalContext>" + legalContext
                        + "</LegalContext></LegalContextInformation>\n")
                + "\n\n";
        return (header + details + "</BatchRequest>\n").getBytes(StandardCharsets.UTF_8);
    }
}
