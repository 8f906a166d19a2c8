/** Reading pcap and pcapng captures of L2TP, writing classic pcap, and their rendering as JSON lines (l2tp-decode). */
@Export
@Version("1.1.0")
package org.l2tp.codec.pcap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
