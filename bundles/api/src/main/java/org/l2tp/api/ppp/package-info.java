/** The seam between the kernel data plane and whatever runs PPP on a session (pppd, or the in-process engine). */
@Export
@Version("0.3.0") // 0.2.0: PppInfo; 0.3.0: PppSettings.pools, AddressSource.reserve
package org.l2tp.api.ppp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
