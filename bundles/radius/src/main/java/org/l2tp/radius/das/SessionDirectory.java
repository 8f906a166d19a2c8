package org.l2tp.radius.das;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** The sessions dynamic authorization can find and end. Thread-safe. */
public interface SessionDirectory {
    /** Every session up now. */
    List<DasSession> sessions();

    /**
     * Ends {@code s} with a CDN (RFC 2661 result 3, administrative). Completes when it is gone (also when it had
     * ended meanwhile); exceptionally when it could not be ended: {@link IllegalStateException} when the L2TP
     * daemon is not there.
     */
    CompletionStage<Void> disconnect(DasSession s);
}
