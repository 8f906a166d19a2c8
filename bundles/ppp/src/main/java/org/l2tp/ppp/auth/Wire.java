package org.l2tp.ppp.auth;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.Authenticator;

/** Helpers shared by the PAP and CHAP sides. */
final class Wire {
    static final Logger LOG = Logger.getLogger("org.l2tp.ppp.auth");
    /** Longest peer text (names, messages) put into reasons and logs. */
    private static final int MAX_TEXT = 100;

    private Wire() {
    }

    /** A peer's octets as text for reasons and logs: UTF-8, control characters replaced, cut at 100 chars. */
    static String printable(byte[] b, int off, int len) {
        return printable(new String(b, off, len, StandardCharsets.UTF_8));
    }

    static String printable(String s) {
        return org.l2tp.api.PeerText.printable(s, MAX_TEXT);
    }

    /** {@code text} as UTF-8, cut to at most {@code max} bytes on a character boundary. */
    static byte[] utf8(String text, int max) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length <= max) {
            return b;
        }
        int end = max;
        while (end > 0 && (b[end] & 0xc0) == 0x80) {
            end--; // do not split a multi-byte character
        }
        return java.util.Arrays.copyOf(b, end);
    }

    /**
     * Asks {@code aaa} and hands the answer, or the failure, to {@code then} on the link's thread: the stage may
     * complete on any thread, and an Authenticator that throws is treated like a failed stage.
     */
    static void ask(Authenticator aaa, AuthRequest request, Executor loop, BiConsumer<AuthResult, Throwable> then) {
        CompletionStage<AuthResult> stage;
        try {
            stage = aaa.authenticate(request);
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new NullPointerException("no answer"));
            }
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((r, ex) -> {
            try {
                loop.execute(() -> then.accept(r, ex));
            } catch (RejectedExecutionException e) {
                LOG.fine(() -> "AAA answer for " + request + " after the link's loop ended");
            }
        });
    }

    /** Why an AAA lookup failed, for the log (exception messages of AAA code never carry secrets we gave it). */
    static String aaaError(Throwable ex) {
        Throwable t = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null
                ? ex.getCause() : ex;
        LOG.log(Level.FINE, "AAA failed", t);
        return t.getClass().getSimpleName();
    }
}
