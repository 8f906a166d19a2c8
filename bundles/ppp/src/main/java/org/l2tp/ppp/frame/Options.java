package org.l2tp.ppp.frame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The Options field of Configure-Request/Ack/Nak/Reject (RFC 1661 sections 5.1-5.4 and 6). */
public final class Options {
    private Options() {
    }

    /**
     * Decodes a whole Options field. An option whose Length is below 2 or runs past the end is
     * {@link FrameException.Reason#BAD_OPTION_LENGTH}: the packet cannot be split into options and is discarded.
     */
    public static List<Option> decode(byte[] data) throws FrameException {
        List<Option> out = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            if (data.length - i < 2) {
                throw new FrameException(FrameException.Reason.BAD_OPTION_LENGTH, "option type " + (data[i] & 0xff)
                        + " without a Length at offset " + i);
            }
            int len = data[i + 1] & 0xff;
            if (len < 2 || i + len > data.length) {
                throw new FrameException(FrameException.Reason.BAD_OPTION_LENGTH, "option type " + (data[i] & 0xff)
                        + " Length " + len + " at offset " + i + " of " + data.length);
            }
            byte[] v = new byte[len - 2];
            System.arraycopy(data, i + 2, v, 0, v.length);
            out.add(new Option(data[i] & 0xff, v));
            i += len;
        }
        return out;
    }

    public static byte[] encode(List<Option> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Option o : options) {
            out.write(o.type());
            out.write(o.valueLength() + 2);
            out.writeBytes(o.value());
        }
        return out.toByteArray();
    }
}
