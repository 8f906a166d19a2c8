/** Reading and writing classic pcap captures of L2TP, and their rendering as JSON lines (l2tp-decode). */
@Export
@Version("1.0.0")
package org.l2tp.codec.pcap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
