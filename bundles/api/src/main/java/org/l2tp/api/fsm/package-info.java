/** State tables shared by the L2TP automata (control bundle) and the PPP automata (ppp bundle). */
@Export
@Version("0.1.0")
package org.l2tp.api.fsm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
