package dev.weir.engine.record;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A record with one field set, without copying the record: what {@code new LinkedHashMap<>(base)}
 * followed by {@code put(name, value)} would give (same fields, same order: a field the record
 * already has keeps its place, a new one comes last), as a read-only view of {@code base}.
 * <p>
 * A step may hand on a map it did not make only if nothing changes that map afterwards: steps that
 * change records in place run on their own copy (see {@code StepChainProcessor}), so a view is
 * safe wherever the original record would be.
 */
public final class WithField extends AbstractMap<String, Object> {

    private final Map<String, Object> base;
    private final String name;
    private final Object value;
    private final boolean replaces;

    public WithField(Map<String, Object> base, String name, Object value) {
        this.base = base;
        this.name = name;
        this.value = value;
        this.replaces = base.containsKey(name);
    }

    @Override
    public Object get(Object key) {
        return name.equals(key) ? value : base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return name.equals(key) || base.containsKey(key);
    }

    @Override
    public int size() {
        return replaces ? base.size() : base.size() + 1;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private final Iterator<Entry<String, Object>> fields = base.entrySet().iterator();
                    private boolean added = replaces;

                    @Override
                    public boolean hasNext() {
                        return fields.hasNext() || !added;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (fields.hasNext()) {
                            Entry<String, Object> e = fields.next();
                            return replaces && name.equals(e.getKey()) ? new SimpleImmutableEntry<>(name, value) : e;
                        }
                        if (added) {
                            throw new NoSuchElementException();
                        }
                        added = true;
                        return new SimpleImmutableEntry<>(name, value);
                    }
                };
            }

            @Override
            public int size() {
                return WithField.this.size();
            }
        };
    }
}
