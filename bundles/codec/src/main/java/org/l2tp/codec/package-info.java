/**
 * The L2TPv2 wire format of RFC 2661: header, control messages and their AVPs (hidden ones included), ZLBs and data
 * messages. Immutable messages, a strict decoder ({@link org.l2tp.codec.L2tpDecoder}) that only ever fails with
 * {@link org.l2tp.codec.L2tpDecodeException}, an encoder, and an allocation-free header reader for the data path.
 */
@Export
@Version("0.1.0") // 0.x until the first release, which sets it to 1.0.0 (README, API contracts and baselining)
package org.l2tp.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
