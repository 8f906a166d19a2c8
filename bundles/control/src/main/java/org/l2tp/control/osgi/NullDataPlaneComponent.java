package org.l2tp.control.osgi;

import org.l2tp.api.dataplane.DataPlane;
import org.l2tp.control.NullDataPlane;
import org.osgi.service.component.annotations.Component;

/** Registers the null data plane ({@code dataplane=null}): control plane only. */
@Component(service = DataPlane.class, property = DataPlane.NAME_PROPERTY + "=" + NullDataPlane.NAME)
public class NullDataPlaneComponent extends NullDataPlane {
}
