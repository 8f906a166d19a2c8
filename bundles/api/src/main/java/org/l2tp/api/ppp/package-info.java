/** The seam between the kernel data plane and whatever runs PPP on a session (pppd). */
@Export
@Version("0.1.1") // 0.1.1: ProviderType/ConsumerType marked (a micro change for bnd)
package org.l2tp.api.ppp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
