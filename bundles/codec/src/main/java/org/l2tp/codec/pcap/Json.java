package org.l2tp.codec.pcap;

/** A minimal JSON object writer: one line, keys in insertion order, strings escaped per RFC 8259. */
final class Json {
    private final StringBuilder sb = new StringBuilder(256);
    private boolean first = true;

    Json() {
        sb.append('{');
    }

    Json put(String key, String value) {
        key(key);
        if (value == null) {
            sb.append("null");
        } else {
            string(value);
        }
        return this;
    }

    Json put(String key, long value) {
        key(key);
        sb.append(value);
        return this;
    }

    Json put(String key, boolean value) {
        key(key);
        sb.append(value);
        return this;
    }

    /** Puts an already-encoded JSON value (object or array). */
    Json putRaw(String key, String json) {
        key(key);
        sb.append(json);
        return this;
    }

    private void key(String key) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(key);
        sb.append(':');
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb + "}";
    }
}
