package org.l2tp.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: FreeRADIUS starts from the written configuration, answers radclient, stops and returns. */
class FreeRadiusTest {
    @TempDir
    Path dir;

    @Test
    void papUserAcceptedSignedAndServerRestartsOnTheSamePorts() throws Exception {
        try (FreeRadius fr = FreeRadius.in(dir).name("smoke")
                .user("alice", "s3cret \"quoted\"", "Framed-IP-Address = 10.1.2.3", "Session-Timeout = 60")
                .start()) {
            FreeRadius.RadclientResult ok = FreeRadius.radclient(fr.authAddress(), "auth", FreeRadius.SECRET,
                    Duration.ofSeconds(2), 2, "User-Name = alice", "User-Password = \"s3cret \\\"quoted\\\"\"",
                    "Message-Authenticator = 0x00");
            assertEquals("Access-Accept", ok.reply(), ok.output());
            assertEquals("10.1.2.3", ok.attribute("Framed-IP-Address"), ok.output());
            // Added by the harness's post-auth (FreeRADIUS 3.2.1 adds none by itself): see FINDINGS/README.
            assertNotNull(ok.attribute("Message-Authenticator"), ok.output());

            FreeRadius.RadclientResult bad = FreeRadius.radclient(fr.authAddress(), "auth", FreeRadius.SECRET,
                    Duration.ofSeconds(2), 2, "User-Name = alice", "User-Password = wrong",
                    "Message-Authenticator = 0x00");
            assertEquals("Access-Reject", bad.reply(), bad.output());
            assertNotNull(bad.attribute("Message-Authenticator"), bad.output());

            int port = fr.authPort();
            fr.stop();
            FreeRadius.RadclientResult none = FreeRadius.radclient(fr.authAddress(), "auth", FreeRadius.SECRET,
                    Duration.ofMillis(200), 0, "User-Name = alice", "User-Password = x", "Message-Authenticator = 0x00");
            assertNull(none.reply(), none.output());
            fr.start();
            assertEquals(port, fr.authPort());
            assertEquals("Access-Accept", FreeRadius.radclient(fr.authAddress(), "auth", FreeRadius.SECRET,
                    Duration.ofSeconds(2), 2, "User-Name = alice", "User-Password = \"s3cret \\\"quoted\\\"\"",
                    "Message-Authenticator = 0x00").reply());
        }
    }

    @Test
    void unsignedWhenAskedAndAccountingInTheDetailFile() throws Exception {
        try (FreeRadius fr = FreeRadius.in(dir).name("smoke-unsigned").signResponses(false)
                .user("bob", "pw").start()) {
            FreeRadius.RadclientResult ok = FreeRadius.radclient(fr.authAddress(), "auth", FreeRadius.SECRET,
                    Duration.ofSeconds(2), 2, "User-Name = bob", "User-Password = pw", "Message-Authenticator = 0x00");
            assertEquals("Access-Accept", ok.reply(), ok.output());
            assertNull(ok.attribute("Message-Authenticator"), ok.output());

            FreeRadius.RadclientResult acct = FreeRadius.radclient(fr.acctAddress(), "acct", FreeRadius.SECRET,
                    Duration.ofSeconds(2), 2, "User-Name = bob", "Acct-Status-Type = Start",
                    "Acct-Session-Id = \"0001\"", "Class = 0x6162", "Class = 0x6364");
            assertEquals("Accounting-Response", acct.reply(), acct.output());
            FreeRadius.Detail d = fr.awaitDetail(r -> "0001".equals(r.get("Acct-Session-Id")), Duration.ofSeconds(10));
            assertEquals("Start", d.get("Acct-Status-Type"));
            assertEquals("bob", d.get("User-Name"));
            assertEquals(java.util.List.of("0x6162", "0x6364"), d.all("Class"));
        }
    }
}
