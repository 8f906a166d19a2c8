package org.l2tp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decode(encode(m)) == m for generated messages of every kind. */
class RoundTripProperties {

    @Provide
    Arbitrary<ControlMessage> controlMessages() {
        return Arbitraries.randomValue(r -> RandomMessages.control(r, false));
    }

    @Provide
    Arbitrary<ControlMessage> hiddenMessages() {
        return Arbitraries.randomValue(r -> RandomMessages.control(r, true));
    }

    @Provide
    Arbitrary<DataMessage> dataMessages() {
        return Arbitraries.randomValue(RandomMessages::data);
    }

    @Property(tries = 5000)
    void controlMessagesRoundTrip(@ForAll("controlMessages") ControlMessage m) throws Exception {
        byte[] wire = L2tpEncoder.encode(m, null);
        assertEquals(L2tpEncoder.encodedLength(m), wire.length);
        ControlMessage back = (ControlMessage) L2tpDecoder.decode(wire, null);
        assertEquals(m, back);
        assertArrayEquals(wire, L2tpEncoder.encode(back, null));
    }

    @Property(tries = 3000)
    void hiddenAvpsRoundTripWithTheSecret(@ForAll("hiddenMessages") ControlMessage m) throws Exception {
        byte[] wire = L2tpEncoder.encode(m, SampleMessages.SECRET);
        assertEquals(m, L2tpDecoder.decode(wire, SampleMessages.SECRET));
    }

    @Property(tries = 3000)
    void dataMessagesRoundTrip(@ForAll("dataMessages") DataMessage m) throws Exception {
        byte[] wire = L2tpEncoder.encode(m);
        assertEquals(m, L2tpDecoder.decode(wire, null));
    }
}
