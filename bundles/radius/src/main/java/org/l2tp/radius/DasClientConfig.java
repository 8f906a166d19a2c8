package org.l2tp.radius;

import java.util.Map;
import java.util.logging.Logger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One dynamic authorization client (factory PID {@code org.l2tp.radius.das}, RFC 5176), handed to
 * {@link RadiusComponent}; no service, so its secret never becomes a service property.
 */
@Component(configurationPid = DasClient.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = DasClientConfig.Ocd.class, factory = true)
public class DasClientConfig {
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");

    @ObjectClassDefinition(name = "L2TP RADIUS dynamic authorization client", description = "A client allowed to "
            + "send Disconnect-Request and CoA-Request (RFC 5176) to the DAS (org.l2tp.radius.nas das.address).")
    @interface Ocd {
        @AttributeDefinition(name = "Address", description = "The client's IP address; requests from any other "
                + "source are dropped.")
        String address();

        @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD)
        String secret();
    }

    @Reference
    RadiusComponent radius;

    private String pid;
    private DasClient applied;

    @Activate
    @Modified
    void configure(Map<String, Object> props) {
        pid = ConfigNames.pid(props);
        DasClient c;
        try {
            c = DasClient.from(ConfigNames.name(DasClient.FACTORY_PID, props), props);
        } catch (IllegalArgumentException e) {
            LOG.warning("RADIUS DAS client refused, " + e.getMessage() + (applied != null
                    ? "; keeping the previous one" : ""));
            return;
        }
        applied = c;
        radius.putDasClient(pid, c);
    }

    @Deactivate
    void deactivate(int reason) {
        if (ConfigNames.gone(reason)) {
            radius.removeDasClient(pid);
        }
    }
}
