package org.l2tp.radius.acct;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.Data;
import org.aaa4j.radius.core.attribute.EnumData;
import org.aaa4j.radius.core.attribute.IntegerData;
import org.aaa4j.radius.core.attribute.Ipv4AddrData;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.TimeData;
import org.aaa4j.radius.core.packet.Packet;

/** An Accounting-Request's attributes by type number, values as text (integers unsigned), for assertions. */
public record Acct(int code, List<int[]> types, List<String> values) {
    static Acct of(Packet p) {
        List<int[]> t = new ArrayList<>();
        List<String> v = new ArrayList<>();
        for (Attribute<?> a : p.getAttributes()) {
            t.add(new int[] {a.getType().head()});
            v.add(text(a.getData()));
        }
        return new Acct(p.getCode(), t, v);
    }

    private static String text(Data d) {
        if (d instanceof IntegerData i) {
            return Integer.toUnsignedString(i.getValue());
        } else if (d instanceof EnumData e) {
            return Integer.toUnsignedString(e.getValue());
        } else if (d instanceof TextData x) {
            return x.getValue();
        } else if (d instanceof StringData s) {
            return new String(s.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } else if (d instanceof Ipv4AddrData a) {
            InetAddress i = a.getValue();
            return i.getHostAddress();
        } else if (d instanceof TimeData time) {
            return String.valueOf(time.getValue().getEpochSecond());
        }
        return d.toString();
    }

    /** The first value of attribute {@code type}, or null. */
    public String get(int type) {
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i)[0] == type) {
                return values.get(i);
            }
        }
        return null;
    }

    public List<String> all(int type) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i)[0] == type) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    public long number(int type) {
        String v = get(type);
        if (v == null) {
            throw new AssertionError("no attribute " + type + " in " + this);
        }
        return Long.parseLong(v);
    }

    public String status() {
        return get(40);
    }

    public String sessionId() {
        return get(44);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Acct[");
        for (int i = 0; i < types.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(types.get(i)[0]).append('=').append(values.get(i));
        }
        return b.append(']').toString();
    }
}
