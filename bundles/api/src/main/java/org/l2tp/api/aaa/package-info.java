/**
 * The seam between the PPP engine's authenticator and whoever decides who may connect: local users
 * (org.l2tp.user) or an AAA server such as RADIUS. Requests carry what RADIUS needs as it arrived on the link.
 */
@Export
@Version("0.2.0") // 0.2.0: AaaSession, accounting callbacks, RadiusStatus, AuthResult MTU/IPv6, host names
package org.l2tp.api.aaa;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
