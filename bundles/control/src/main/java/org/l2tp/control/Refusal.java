package org.l2tp.control;

/**
 * Why a message is not acceptable or a tunnel or call ends: the codes and text of the Result Code AVP of the StopCCN
 * (section 4.4.2, {@code StopCcnResult}) or CDN ({@code CdnResult}) that says so.
 */
record Refusal(int result, int error, String message) {
}
