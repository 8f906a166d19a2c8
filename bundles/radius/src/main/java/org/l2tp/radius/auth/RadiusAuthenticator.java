package org.l2tp.radius.auth;

import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.Data;
import org.aaa4j.radius.core.attribute.IfidData;
import org.aaa4j.radius.core.attribute.IntegerData;
import org.aaa4j.radius.core.attribute.Ipv4AddrData;
import org.aaa4j.radius.core.attribute.Ipv6PrefixData;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.VsaData;
import org.aaa4j.radius.core.attribute.attributes.ChapChallenge;
import org.aaa4j.radius.core.attribute.attributes.ChapPassword;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.attribute.attributes.UserPassword;
import org.aaa4j.radius.core.attribute.attributes.VendorSpecific;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.packets.AccessRequest;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.Authenticator;
import org.l2tp.radius.AcceptedSessions;
import org.l2tp.radius.NasAttributes;
import org.l2tp.radius.NasSettings;
import org.l2tp.radius.client.RadiusTimeoutException;
import org.l2tp.radius.client.RadiusTransport;

/**
 * Authentication by RADIUS (RFC 2865): forwards what the peer presented in an Access-Request and maps the answer to
 * an {@link AuthResult}. PAP as User-Password (RFC 2865 5.2), CHAP as CHAP-Password and CHAP-Challenge (5.3, 5.40),
 * MS-CHAPv2 as MS-CHAP-Challenge and MS-CHAP2-Response (RFC 2548 2.3.2, 2.3.3); every request also carries
 * {@link NasAttributes} and (added by the transport) a Message-Authenticator.
 *
 * <p>An Access-Accept's Framed-IP-Address, Framed-Pool, Session-Timeout, Idle-Timeout, Framed-MTU,
 * Framed-Interface-Id and Framed-IPv6-Prefix go into the result; its Class attributes and Acct-Interim-Interval are
 * kept in {@link AcceptedSessions} for accounting. Other attributes are ignored. An Access-Challenge is a refusal
 * (not supported); no answer from any server is a refusal saying so. Never completes exceptionally.
 */
public final class RadiusAuthenticator implements Authenticator {
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");
    /** RFC 2548 vendor id of Microsoft and its attributes. */
    static final int MICROSOFT = 311;
    static final int MS_CHAP_ERROR = 2;
    static final int MS_CHAP_CHALLENGE = 11;
    static final int MS_CHAP2_RESPONSE = 25;
    static final int MS_CHAP2_SUCCESS = 26;
    /** RFC 2865 attribute types read from replies. */
    static final int REPLY_MESSAGE = 18;
    static final int FRAMED_IP_ADDRESS = 8;
    static final int FRAMED_MTU = 12;
    static final int CLASS = 25;
    static final int SESSION_TIMEOUT = 27;
    static final int IDLE_TIMEOUT = 28;
    static final int ACCT_INTERIM_INTERVAL = 85;
    static final int FRAMED_POOL = 88;
    static final int FRAMED_INTERFACE_ID = 96;
    static final int FRAMED_IPV6_PREFIX = 97;
    static final int VENDOR_SPECIFIC = 26;
    /** RFC 2865 5.2: User-Password holds at most 128 octets. */
    static final int MAX_PASSWORD = 128;
    /** RFC 2759 4: the Response field: Peer-Challenge 16, reserved 8, NT-Response 24, Flags 1. */
    static final int MSCHAPV2_RESPONSE = 49;

    static final String REFUSED = "authentication failed";
    static final String NO_SERVER = "no RADIUS server answered";
    static final String NOT_CONFIGURED = "no RADIUS authentication server is configured";

    private final org.l2tp.radius.RateLimitedLog failures =
            new org.l2tp.radius.RateLimitedLog(LOG, java.util.logging.Level.WARNING, 10_000);
    private final org.l2tp.radius.RateLimitedLog refusals =
            new org.l2tp.radius.RateLimitedLog(LOG, java.util.logging.Level.INFO, 10_000);
    private final RadiusTransport transport;
    private final Supplier<NasSettings> nas;
    private final AcceptedSessions accepted;

    public RadiusAuthenticator(RadiusTransport transport, Supplier<NasSettings> nas, AcceptedSessions accepted) {
        this.transport = transport;
        this.nas = nas;
        this.accepted = accepted;
    }

    @Override
    public CompletionStage<AuthResult> authenticate(AuthRequest r) {
        if (!transport.hasServers(RadiusTransport.Role.AUTH)) {
            return CompletableFuture.completedFuture(AuthResult.reject(NOT_CONFIGURED));
        }
        Packet request;
        try {
            request = request(r, nas.get());
        } catch (IllegalArgumentException e) {
            refusals.log(() -> "RADIUS: " + r + " not sent: " + e.getMessage());
            return CompletableFuture.completedFuture(AuthResult.reject(REFUSED));
        }
        CompletionStage<Packet> sent;
        try {
            sent = transport.send(RadiusTransport.Role.AUTH, request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((reply, ex) -> ex != null ? failed(r, ex) : answer(r, reply));
    }

    /** The Access-Request for {@code r}, without Message-Authenticator (the transport adds it). */
    static Packet request(AuthRequest r, NasSettings nas) {
        List<Attribute<?>> a = new ArrayList<>();
        if (r.user() == null || r.user().getBytes(StandardCharsets.UTF_8).length > 253) {
            throw new IllegalArgumentException("no User-Name or one longer than 253 octets");
        }
        a.add(new UserName(new TextData(r.user())));
        byte[] response = r.response();
        switch (r.method()) {
            case PAP -> {
                if (response.length > MAX_PASSWORD) {
                    throw new IllegalArgumentException("a password longer than " + MAX_PASSWORD + " octets");
                }
                a.add(new UserPassword(new StringData(response)));
            }
            case CHAP_MD5 -> {
                byte[] challenge = r.challenge();
                if (response.length != 16 || challenge.length == 0 || challenge.length > 253) {
                    throw new IllegalArgumentException("a CHAP response of " + response.length
                            + " octets or a challenge of " + challenge.length);
                }
                byte[] chap = new byte[17]; // RFC 2865 5.3: CHAP Ident, then the 16-octet response
                chap[0] = (byte) r.id();
                System.arraycopy(response, 0, chap, 1, 16);
                a.add(new ChapPassword(new StringData(chap)));
                a.add(new ChapChallenge(new StringData(challenge)));
            }
            case MSCHAP_V2 -> {
                byte[] challenge = r.challenge();
                if (challenge.length != 16 || response.length != MSCHAPV2_RESPONSE) {
                    throw new IllegalArgumentException("an MS-CHAPv2 challenge of " + challenge.length
                            + " octets or a response of " + response.length);
                }
                a.add(microsoft(MS_CHAP_CHALLENGE, challenge));
                a.add(microsoft(MS_CHAP2_RESPONSE, ms2Response(r.id(), response)));
            }
            default -> throw new IllegalArgumentException("method " + r.method());
        }
        a.addAll(NasAttributes.of(r.session(), nas));
        return new AccessRequest(a);
    }

    /**
     * RFC 2548 2.3.2 MS-CHAP2-Response: Ident, Flags (0), Peer-Challenge (16), Reserved (8), NT-Response (24), from
     * RFC 2759 4's Response field, which orders them Peer-Challenge, Reserved, NT-Response, Flags.
     */
    static byte[] ms2Response(int ident, byte[] rfc2759Response) {
        byte[] v = new byte[50];
        v[0] = (byte) ident;
        v[1] = rfc2759Response[48];
        System.arraycopy(rfc2759Response, 0, v, 2, 48);
        return v;
    }

    private static VendorSpecific microsoft(int type, byte[] value) {
        return new VendorSpecific(new VsaData(MICROSOFT, type, value));
    }

    private AuthResult failed(AuthRequest r, Throwable ex) {
        Throwable t = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
        String why;
        if (t instanceof RadiusTimeoutException) {
            why = NO_SERVER;
        } else if (t instanceof RejectedExecutionException) {
            why = "too many RADIUS requests waiting";
        } else if (t instanceof IllegalStateException) {
            why = "the RADIUS client is stopped";
        } else {
            why = "RADIUS error";
        }
        // A LAC can open calls as fast as it likes while no server answers: one line per 10 s, with a count.
        failures.log(() -> "RADIUS: " + r + " refused: " + (t.getMessage() != null ? t.getMessage() : why));
        return AuthResult.reject(why);
    }

    private AuthResult answer(AuthRequest r, Packet reply) {
        Reply p = Reply.of(reply);
        String message = p.replyMessage();
        switch (reply.getCode()) {
            case 2 -> {
                return accept(r, p, message);
            }
            case 11 -> {
                LOG.info(() -> "RADIUS: Access-Challenge for " + r + " (not supported): refused");
                return AuthResult.reject("RADIUS Access-Challenge is not supported");
            }
            default -> {
                String error = p.msChapError();
                LOG.fine(() -> "RADIUS: Access-Reject for " + r + (message != null ? ": " + message : "")
                        + (error != null ? " (" + error + ")" : ""));
                return AuthResult.reject(message != null ? message : REFUSED);
            }
        }
    }

    private AuthResult accept(AuthRequest r, Reply p, String message) {
        String success = null;
        if (r.method() == org.l2tp.api.aaa.AuthMethod.MSCHAP_V2) {
            success = p.msChap2Success();
            if (success == null) {
                LOG.warning(() -> "RADIUS: Access-Accept for " + r + " without a valid MS-CHAP2-Success: refused");
                return AuthResult.reject(REFUSED);
            }
        }
        String address = p.framedAddress();
        AuthResult result = new AuthResult(true, message, success, address, p.text(FRAMED_POOL),
                p.seconds(SESSION_TIMEOUT), p.seconds(IDLE_TIMEOUT), p.mtu(), p.interfaceId(), p.ipv6Prefix());
        if (accepted != null) {
            accepted.put(new AcceptedSessions.Accept(r.session().port(), r.user(), p.all(CLASS),
                    p.seconds(ACCT_INTERIM_INTERVAL)));
        }
        if (message != null) {
            LOG.fine(() -> "RADIUS: Reply-Message for " + r + ": " + message);
        }
        return result;
    }

    /** The reply's attributes by type, typed as aaa4j decoded them (or raw when it could not). */
    record Reply(List<Attribute<?>> attributes) {
        static Reply of(Packet p) {
            return new Reply(p.getAttributes());
        }

        private Data first(int type) {
            for (Attribute<?> a : attributes) {
                if (a.getType().length() == 1 && a.getType().head() == type) {
                    return a.getData();
                }
            }
            return null;
        }

        /** The octets of every attribute of {@code type}, in order (e.g. Class). */
        List<byte[]> all(int type) {
            List<byte[]> out = new ArrayList<>();
            for (Attribute<?> a : attributes) {
                if (a.getType().length() == 1 && a.getType().head() == type) {
                    byte[] b = octets(a.getData());
                    if (b != null) {
                        out.add(b);
                    }
                }
            }
            return out;
        }

        private static byte[] octets(Data d) {
            if (d instanceof StringData s) {
                return s.getValue();
            }
            if (d instanceof TextData t) {
                return t.getValue().getBytes(StandardCharsets.UTF_8);
            }
            return null;
        }

        /** A text attribute, printable (control characters replaced) and cut at 200 characters; null if absent. */
        String text(int type) {
            byte[] b = octets(first(type));
            return b == null ? null : printable(new String(b, StandardCharsets.UTF_8));
        }

        /** Every Reply-Message joined (RFC 2865 5.18: several are shown one after the other). */
        String replyMessage() {
            List<byte[]> all = all(REPLY_MESSAGE);
            if (all.isEmpty()) {
                return null;
            }
            StringBuilder b = new StringBuilder();
            for (byte[] m : all) {
                b.append(new String(m, StandardCharsets.UTF_8));
            }
            return printable(b.toString());
        }

        /** A time in seconds, 0 when absent; values above 2^31-1 are taken as that. */
        int seconds(int type) {
            return first(type) instanceof IntegerData i ? (i.getValue() < 0 ? Integer.MAX_VALUE : i.getValue()) : 0;
        }

        /** Framed-MTU (RFC 2865 5.12: 64-65535), 0 when absent or out of range. */
        int mtu() {
            int m = seconds(FRAMED_MTU);
            return m >= 64 && m <= 65535 ? m : 0;
        }

        /** RFC 2865 5.8: 255.255.255.255 lets the peer choose, 255.255.255.254 (and 0.0.0.0) means ours to pick. */
        String framedAddress() {
            if (!(first(FRAMED_IP_ADDRESS) instanceof Ipv4AddrData a)) {
                return null;
            }
            String s = a.getValue().getHostAddress();
            return switch (s) {
                case "255.255.255.255" -> AuthResult.PEER_CHOOSES;
                case "255.255.255.254", "0.0.0.0" -> null;
                default -> s;
            };
        }

        /** RFC 3162 2.2 Framed-Interface-Id as a number, 0 when absent. */
        long interfaceId() {
            if (!(first(FRAMED_INTERFACE_ID) instanceof IfidData d)) {
                return 0;
            }
            long v = 0;
            for (byte b : d.getValue()) {
                v = v << 8 | (b & 0xff);
            }
            return v;
        }

        /** RFC 3162 2.3 Framed-IPv6-Prefix as "prefix/length", null when absent. */
        String ipv6Prefix() {
            if (!(first(FRAMED_IPV6_PREFIX) instanceof Ipv6PrefixData d)) {
                return null;
            }
            Inet6Address a = d.getPrefixAddress();
            return org.l2tp.radius.Addresses.text(a) + "/" + d.getPrefixLength();
        }

        /** A Microsoft vendor attribute's value, or null. */
        byte[] microsoft(int vendorType) {
            for (Attribute<?> a : attributes) {
                if (a.getType().head() == VENDOR_SPECIFIC && a.getData() instanceof VsaData v
                        && v.getVendorId() == MICROSOFT && v.getVendorType() == vendorType) {
                    return v.getVsaData();
                }
                if (a.getType().head() == VENDOR_SPECIFIC && a.getData() instanceof StringData raw) {
                    byte[] found = subAttribute(raw.getValue(), vendorType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        /**
         * A Microsoft sub-attribute of a Vendor-Specific attribute aaa4j left raw (RFC 2865 5.26 allows several
         * vendor attributes in one).
         */
        private static byte[] subAttribute(byte[] vsa, int vendorType) {
            if (vsa.length < 4 || ((vsa[0] & 0xff) << 24 | (vsa[1] & 0xff) << 16 | (vsa[2] & 0xff) << 8
                    | (vsa[3] & 0xff)) != MICROSOFT) {
                return null;
            }
            for (int p = 4; p + 2 <= vsa.length; ) {
                int len = vsa[p + 1] & 0xff;
                if (len < 2 || p + len > vsa.length) {
                    return null;
                }
                if ((vsa[p] & 0xff) == vendorType) {
                    return Arrays.copyOfRange(vsa, p + 2, p + len);
                }
                p += len;
            }
            return null;
        }

        /** RFC 2548 2.3.3 MS-CHAP2-Success: Ident, then "S=" and 40 hex digits (RFC 2759 5); null if not that. */
        String msChap2Success() {
            byte[] v = microsoft(MS_CHAP2_SUCCESS);
            if (v == null || v.length < 43) {
                return null;
            }
            String s = new String(v, 1, 42, StandardCharsets.US_ASCII);
            boolean ok = s.startsWith("S=") && s.substring(2).chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
            return ok ? s : null;
        }

        /** RFC 2548 2.1.5 MS-CHAP-Error: Ident, then "E=... R=... ", printable; null if absent. */
        String msChapError() {
            byte[] v = microsoft(MS_CHAP_ERROR);
            return v == null || v.length < 2 ? null : printable(new String(v, 1, v.length - 1,
                    StandardCharsets.UTF_8));
        }

        static String printable(String s) {
            return org.l2tp.api.PeerText.printable(s, 200);
        }
    }
}
