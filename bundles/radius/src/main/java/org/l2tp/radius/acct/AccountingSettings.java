package org.l2tp.radius.acct;

/**
 * Accounting's configuration (PID {@code org.l2tp.radius.nas}).
 *
 * @param interimIntervalS Acct-Interim-Interval when the Access-Accept has none; 0: no Interim-Updates
 * @param interimMinimumS  the shortest interval honoured, from the reply or the configuration (RFC 2869 section
 *                         5.16: not below 60 seconds)
 * @param queueCapacity    accounting requests kept while no server answers; beyond that they are dropped and counted
 *                         (0: none kept)
 */
public record AccountingSettings(int interimIntervalS, int interimMinimumS, int queueCapacity) {
    public static final AccountingSettings DEFAULTS = new AccountingSettings(0, 60, 10_000);

    public AccountingSettings {
        if (interimIntervalS < 0 || interimMinimumS < 0 || queueCapacity < 0) {
            throw new IllegalArgumentException("interim.interval.s, interim.minimum.s and acct.queue must be 0 or "
                    + "more");
        }
    }

    static AccountingSettings of(org.l2tp.radius.NasSettings n) {
        return new AccountingSettings(n.interimIntervalS(), n.interimMinimumS(), n.acctQueue());
    }

    /** The interval for a session: the reply's if it gave one, else the configured one; never below the minimum. */
    int interimFor(int replyIntervalS) {
        int s = replyIntervalS > 0 ? replyIntervalS : interimIntervalS;
        return s == 0 ? 0 : Math.max(s, interimMinimumS);
    }
}
