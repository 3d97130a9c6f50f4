package org.airgap.model;

import java.time.Duration;
import java.time.Instant;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;

/**
 * The model's Gson adapters: one per record type with a document kind ({@link RecordAdapters}), and the
 * ISO-8601 form of instants and durations. {@link ModelJson} writes its documents with them; protocol messages embed the records
 * through this factory.
 */
final class ModelAdapters implements TypeAdapterFactory {

    static final ModelAdapters INSTANCE = new ModelAdapters();

    private ModelAdapters() {
    }

    /** The adapter of a record type that has a document kind. */
    @SuppressWarnings("unchecked")
    static <T> RecordAdapter<T> record(Class<T> type) {
        RecordAdapter<?> adapter = find(type);
        if (adapter == null) {
            throw new IllegalArgumentException("no JSON document kind for " + type.getName()
                    + " (Folder, Component, Job, Run, Version and Baseline have one)");
        }
        return (RecordAdapter<T>) adapter;
    }

    private static RecordAdapter<?> find(Class<?> type) {
        for (RecordAdapter<?> adapter : RecordAdapters.ALL) {
            if (adapter.type == type) {
                return adapter;
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        Class<? super T> raw = type.getRawType();
        if (raw == Instant.class) {
            return (TypeAdapter<T>) IsoTimeAdapter.INSTANT;
        }
        if (raw == Duration.class) {
            return (TypeAdapter<T>) IsoTimeAdapter.DURATION;
        }
        return (TypeAdapter<T>) find(raw);
    }
}
