package org.apache.plc4x.java.osgi;

import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.plc4x.java.api.PlcDriver;

/** Registers a PLC4X driver bundle's {@link PlcDriver}s as OSGi services, with their protocol code and name. */
public final class DriverActivator extends ServiceDeclarationActivator<PlcDriver> {

    public static final String PROTOCOL_CODE = "org.apache.plc4x.driver.code";
    public static final String PROTOCOL_NAME = "org.apache.plc4x.driver.name";

    public DriverActivator() {
        super(PlcDriver.class);
    }

    @Override
    Dictionary<String, Object> properties(PlcDriver driver) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PROTOCOL_CODE, driver.getProtocolCode());
        properties.put(PROTOCOL_NAME, driver.getProtocolName());
        return properties;
    }
}
