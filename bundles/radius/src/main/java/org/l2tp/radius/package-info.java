/**
 * RADIUS for the in-process PPP engine: authentication (RFC 2865, RFC 2548 MS-CHAP, RFC 3579 Message-Authenticator),
 * accounting (RFC 2866, RFC 2867 tunnel attributes) and dynamic authorization (RFC 5176 Disconnect and CoA).
 * Packets are encoded by aaa4j-radius-core, embedded here; the transport, fail-over and timers are ours.
 */
package org.l2tp.radius;
