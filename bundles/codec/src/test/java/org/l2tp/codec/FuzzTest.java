package org.l2tp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.l2tp.codec.pcap.PcapFrame;

/**
 * Drives 1,000,000 mutated frames, seeded from the real captures and from our own samples (hidden AVPs included),
 * through the decoder and the header view: nothing but {@link L2tpDecodeException} may come out, and nothing may hang.
 */
class FuzzTest {
    private static final int FRAMES = 1_000_000;
    private static final long SEED = 0x4C32_5450L;

    @Test
    void aMillionMutatedFramesYieldOnlyTypedErrors() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (Path f : Captures.files()) {
            for (PcapFrame frame : Captures.frames(f)) {
                seeds.add(frame.payload());
            }
        }
        for (ControlMessage m : SampleMessages.all().values()) {
            seeds.add(L2tpEncoder.encode(m, null));
        }
        Random seedRandom = new Random(SEED);
        for (int i = 0; i < 50; i++) {
            seeds.add(L2tpEncoder.encode(RandomMessages.control(seedRandom, true), SampleMessages.SECRET));
        }
        assertTrue(seeds.size() > 200, "seeds: " + seeds.size());

        Map<L2tpDecodeException.Reason, Integer> reasons = new EnumMap<>(L2tpDecodeException.Reason.class);
        int[] decoded = new int[1];
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            Random r = new Random(SEED);
            L2tpHeaderView view = new L2tpHeaderView();
            for (int i = 0; i < FRAMES; i++) {
                byte[] frame = mutate(r, seeds.get(r.nextInt(seeds.size())));
                byte[] secret = r.nextBoolean() ? SampleMessages.SECRET : null;
                try {
                    L2tpMessage m = L2tpDecoder.decode(frame, secret);
                    decoded[0]++;
                    if (m instanceof ControlMessage c) {
                        // Whatever decodes must re-encode (raw hidden values stay as they came).
                        L2tpEncoder.encode(c, secret == null ? null : secret);
                    }
                } catch (L2tpDecodeException e) {
                    reasons.merge(e.reason(), 1, Integer::sum);
                } catch (RuntimeException e) {
                    throw new AssertionError("frame " + i + " " + Hex.encode(frame) + " threw " + e, e);
                }
                view.parse(frame, 0, frame.length);
            }
        });
        int errors = reasons.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(FRAMES, decoded[0] + errors);
        // The mutations must reach deep: most reasons show up, and plenty of frames still decode.
        assertTrue(reasons.size() >= 9, "reasons seen: " + reasons);
        assertTrue(decoded[0] > FRAMES / 20, "decoded " + decoded[0]);
        System.out.println("fuzz: " + decoded[0] + " decoded, errors " + reasons);
    }

    private static byte[] mutate(Random r, byte[] seed) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            switch (r.nextInt(8)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 3 -> {
                    // Grow or shrink a length field: the header's or an AVP's.
                    int at = r.nextBoolean() ? 2 : 12 + 6 * r.nextInt(Math.max(1, (b.length - 12) / 6));
                    if (at + 1 < b.length) {
                        b[at + 1] = (byte) (b[at + 1] + r.nextInt(21) - 10);
                    }
                }
                case 4 -> {
                    byte[] grown = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(40));
                    for (int i = b.length; i < grown.length; i++) {
                        grown[i] = (byte) r.nextInt(256);
                    }
                    b = grown;
                }
                case 5 -> {
                    // Flip the H or M bit of some AVP.
                    int at = 12 + 8 + r.nextInt(Math.max(1, b.length - 20));
                    if (at < b.length) {
                        b[at] ^= (byte) (r.nextBoolean() ? 0x40 : 0x80);
                    }
                }
                case 6 -> b[0] ^= (byte) (1 << r.nextInt(8));
                default -> {
                    int len = b.length;
                    int from = r.nextInt(len);
                    int to = r.nextInt(len);
                    int n = r.nextInt(len - Math.max(from, to) + 1);
                    System.arraycopy(b, from, b, to, n);
                }
            }
        }
        return b;
    }
}
