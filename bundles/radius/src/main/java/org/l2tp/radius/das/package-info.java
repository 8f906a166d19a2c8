/**
 * The Dynamic Authorization Server (RFC 5176): Disconnect-Request and CoA-Request from configured clients, verified
 * here (aaa4j checks neither authenticator for these codes), acted on through the daemon and the engine's sessions.
 */
package org.l2tp.radius.das;
