package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactSerializer;

/**
 * An explicit Compact serializer bound to one class under a fixed type name: subclasses only say
 * which fields are written and read, which is the schema.
 */
abstract class WireSerializer<T> implements CompactSerializer<T> {

    private final String typeName;
    private final Class<T> type;

    WireSerializer(String typeName, Class<T> type) {
        this.typeName = typeName;
        this.type = type;
    }

    @Override
    public final String getTypeName() {
        return typeName;
    }

    @Override
    public final Class<T> getCompactClass() {
        return type;
    }
}
