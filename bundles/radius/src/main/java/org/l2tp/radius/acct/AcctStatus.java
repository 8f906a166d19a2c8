package org.l2tp.radius.acct;

/** Acct-Status-Type values (RFC 2866 section 5.1) this NAS sends. */
public enum AcctStatus {
    START(1),
    STOP(2),
    INTERIM_UPDATE(3),
    ACCOUNTING_ON(7),
    ACCOUNTING_OFF(8);

    private final int value;

    AcctStatus(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
