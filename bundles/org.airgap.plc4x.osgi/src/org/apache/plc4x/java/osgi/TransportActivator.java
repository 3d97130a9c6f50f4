package org.apache.plc4x.java.osgi;

import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.plc4x.java.spi.transport.Transport;

/** Registers a PLC4X transport bundle's {@link Transport}s as OSGi services, with their code and name. */
public final class TransportActivator extends ServiceDeclarationActivator<Transport> {

    public static final String TRANSPORT_CODE = "org.apache.plc4x.transport.code";
    public static final String TRANSPORT_NAME = "org.apache.plc4x.transport.name";

    public TransportActivator() {
        super(Transport.class);
    }

    @Override
    Dictionary<String, Object> properties(Transport transport) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(TRANSPORT_CODE, transport.getTransportCode());
        properties.put(TRANSPORT_NAME, transport.getTransportName());
        return properties;
    }
}
