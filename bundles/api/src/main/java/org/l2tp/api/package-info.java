/**
 * The L2TP platform's service API: the tunnel and session states of RFC 2661 section 7, as every bundle and every
 * operator tool reports them.
 */
@Export
@Version("0.1.0")
package org.l2tp.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
