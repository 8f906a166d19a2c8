/**
 * The L2TP platform's service API: the daemon ({@link org.l2tp.api.L2tpService}), snapshots of tunnels and
 * sessions, and the states of RFC 2661 section 7 as every bundle and operator tool reports them.
 */
@Export
@Version("0.5.0") // 0.4.0: SessionInfo.ppp; 0.5.0: SessionEnd, PeerText
package org.l2tp.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
