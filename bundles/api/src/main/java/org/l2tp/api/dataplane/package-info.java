/** The seam between the control plane and whatever carries the PPP frames (kernel PPPoL2TP, or nothing). */
@Export
@Version("0.5.0") // 0.5.0: SessionParameters.Call; // 0.2.1: ProviderType/ConsumerType marked (a micro change for bnd)
package org.l2tp.api.dataplane;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
