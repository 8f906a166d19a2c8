package org.l2tp.radius.client;

/** No server of the role answered a request, after every retransmission and fail-over. */
public class RadiusTimeoutException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    public RadiusTimeoutException(String message) {
        super(message);
    }
}
