/** Reading pcap and pcapng captures of L2TP, writing classic pcap, and their rendering as JSON lines (l2tp-decode). */
@Export
@Version("0.2.0") // PcapDecodeTool.scan, PcapFormatException, pcapng link types added; 0.x until the first release
package org.l2tp.codec.pcap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
