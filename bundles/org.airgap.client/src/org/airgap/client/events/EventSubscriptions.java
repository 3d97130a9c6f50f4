package org.airgap.client.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.osgi.service.event.EventHandler;

/**
 * A view's subscriptions to {@link WorkbenchEvents}, delivered on the UI thread with their data typed,
 * and all removed at once when the view goes ({@link #close()} from its {@code @PreDestroy}).
 * <p>
 * Why not {@code @UIEventTopic}: its supplier is created once per OSGi runtime and keeps the UI
 * thread access of the first workbench it served, so a second workbench in the same runtime (the UI
 * tests start one per test class) never receives the events. The view's own {@link IEventBroker}
 * belongs to its workbench.
 */
public final class EventSubscriptions implements AutoCloseable {

    private final IEventBroker broker;
    private final List<EventHandler> handlers = new ArrayList<>();

    public EventSubscriptions(IEventBroker broker) {
        this.broker = broker;
    }

    /** Calls {@code handler} on the UI thread with each event's data of {@code type} posted on {@code topic}. */
    public <T> EventSubscriptions on(String topic, Class<T> type, Consumer<? super T> handler) {
        EventHandler delivery = event -> {
            Object data = event.getProperty(IEventBroker.DATA);
            if (type.isInstance(data)) {
                handler.accept(type.cast(data));
            }
        };
        broker.subscribe(topic, delivery);
        handlers.add(delivery);
        return this;
    }

    @Override
    public void close() {
        handlers.forEach(broker::unsubscribe);
        handlers.clear();
    }
}
