/**
 * RADIUS accounting (RFC 2866, RFC 2869, RFC 2867): Start, Interim-Update, Stop and Accounting-On/Off, with a
 * bounded queue for what no server took yet. All timing goes through {@link org.l2tp.radius.acct.Scheduler}.
 */
package org.l2tp.radius.acct;
