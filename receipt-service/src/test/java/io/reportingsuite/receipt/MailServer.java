package io.reportingsuite.receipt;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.reportingsuite.devstack.FreePorts;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real SMTP server (GreenMail) on free 127.0.0.1 ports for the e-mail retention warnings, one per test JVM
 * like the devstack: started by the first application start, its ports kept in system properties (each
 * application start has its own class loader). Tests read what arrived over IMAP, as a mail client would.
 */
final class MailServer {

    /** What a recipient found in the mailbox. */
    record Received(List<String> to, String subject, String text) {
    }

    private static final String SMTP = "receipt-test.smtp-port";
    private static final String IMAP = "receipt-test.imap-port";

    private MailServer() {
    }

    static int smtpPort() {
        ReceiptTestResource.jvmWide(SMTP, () -> {
            int smtp = FreePorts.next();
            int imap = FreePorts.next();
            new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}).start();
            System.setProperty(IMAP, Integer.toString(imap));
            return Integer.toString(smtp);
        });
        return Integer.getInteger(SMTP);
    }

    /** The messages in {@code address}'s inbox (GreenMail creates the mailbox with login = password = address). */
    static List<Received> inbox(String address) throws MessagingException, IOException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", Integer.getInteger(IMAP), address, address);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Received> received = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                List<String> to = new ArrayList<>();
                for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                    to.add(recipient.toString());
                }
                received.add(new Received(to, message.getSubject(), message.getContent().toString()));
            }
            inbox.close(false);
            return received;
        } finally {
            store.close();
        }
    }
}
