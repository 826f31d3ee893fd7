package dev.weir.engine.generator;

import dev.weir.spec.generator.FieldGen;
import dev.weir.spec.generator.FieldSpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Makes the values of one field. Built once per field, it keeps the field's state, such as where a
 * sequence stands, and draws every random number from the one source it is given.
 */
final class FieldSampler implements Supplier<Object> {

    private final FieldSpec spec;
    private final Supplier<Object> base;
    private final RandomGenerator random;

    private FieldSampler(FieldSpec spec, Supplier<Object> base, RandomGenerator random) {
        this.spec = spec;
        this.base = base;
        this.random = random;
    }

    static FieldSampler of(FieldSpec spec, RandomGenerator random, Clock clock) {
        return new FieldSampler(spec, base(spec.gen(), random, clock), random);
    }

    /** The next value: the kind's value, then min/max, round, format, and last the share of nulls. */
    @Override
    public Object get() {
        Object value = base.get();
        if (value instanceof Number n) {
            value = clampAndRound(n);
        }
        if (value != null && spec.format().isPresent()) {
            value = String.format(Locale.ROOT, spec.format().get(), value);
        }
        if (spec.nullRate() > 0 && random.nextDouble() < spec.nullRate()) {
            return null;
        }
        return value;
    }

    private Object clampAndRound(Number n) {
        if (n instanceof Long l) {
            long v = l;
            if (spec.min().isPresent()) {
                v = Math.max(v, (long) Math.ceil(spec.min().get()));
            }
            if (spec.max().isPresent()) {
                v = Math.min(v, (long) Math.floor(spec.max().get()));
            }
            return v;
        }
        double v = n.doubleValue();
        if (spec.min().isPresent()) {
            v = Math.max(v, spec.min().get());
        }
        if (spec.max().isPresent()) {
            v = Math.min(v, spec.max().get());
        }
        Optional<Integer> round = spec.round();
        if (round.isEmpty()) {
            return v;
        }
        if (round.get() == 0) {
            return Math.round(v);
        }
        return BigDecimal.valueOf(v).setScale(round.get(), RoundingMode.HALF_UP).doubleValue();
    }

    private static Supplier<Object> base(FieldGen gen, RandomGenerator r, Clock clock) {
        if (gen instanceof FieldGen.Uuid) {
            return () -> FakeData.uuid(r);
        }
        if (gen instanceof FieldGen.Sequence s) {
            return sequence(s);
        }
        if (gen instanceof FieldGen.Uniform u) {
            if (u.integer()) {
                long lo = (long) u.min();
                long hi = (long) u.max();
                return () -> lo == hi ? lo : r.nextLong(lo, hi + 1);
            }
            return () -> u.min() + r.nextDouble() * (u.max() - u.min());
        }
        if (gen instanceof FieldGen.Normal n) {
            return () -> n.mean() + n.stddev() * r.nextGaussian();
        }
        if (gen instanceof FieldGen.LogNormal l) {
            return () -> l.median() * Math.exp(l.sigma() * r.nextGaussian());
        }
        if (gen instanceof FieldGen.Choice c) {
            List<Object> values = c.values();
            return () -> values.get(r.nextInt(values.size()));
        }
        if (gen instanceof FieldGen.Weighted w) {
            return weighted(w, r);
        }
        if (gen instanceof FieldGen.Fake f) {
            return () -> FakeData.make(f.what(), r);
        }
        if (gen instanceof FieldGen.Timestamp t) {
            return timestamp(t, r, clock);
        }
        if (gen instanceof FieldGen.Bool b) {
            return () -> r.nextDouble() < b.probability();
        }
        if (gen instanceof FieldGen.Constant c) {
            return c::value;
        }
        if (gen instanceof FieldGen.ListOf l) {
            FieldSampler item = of(l.of(), r, clock);
            return () -> {
                int n = l.min() == l.max() ? l.min() : r.nextInt(l.min(), l.max() + 1);
                List<Object> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(item.get());
                }
                return out;
            };
        }
        if (gen instanceof FieldGen.ObjectOf o) {
            Map<String, FieldSampler> fields = samplers(o.fields(), r, clock);
            return () -> sample(fields);
        }
        throw new IllegalStateException("no sampler for field kind " + gen.kind());
    }

    static Map<String, FieldSampler> samplers(Map<String, FieldSpec> fields, RandomGenerator r, Clock clock) {
        Map<String, FieldSampler> out = new LinkedHashMap<>();
        fields.forEach((name, spec) -> out.put(name, of(spec, r, clock)));
        return out;
    }

    /** One value per field, in the fields' order. */
    static Map<String, Object> sample(Map<String, FieldSampler> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((name, sampler) -> out.put(name, sampler.get()));
        return out;
    }

    private static Supplier<Object> sequence(FieldGen.Sequence s) {
        long[] next = {s.start()};
        return () -> {
            long value = next[0];
            next[0] += s.step();
            if (s.end().isPresent() && (s.step() > 0 ? next[0] > s.end().get() : next[0] < s.end().get())) {
                next[0] = s.start();
            }
            return s.prefix().isPresent() ? (Object) (s.prefix().get() + value) : (Object) value;
        };
    }

    private static Supplier<Object> weighted(FieldGen.Weighted w, RandomGenerator r) {
        List<String> names = new ArrayList<>(w.weights().keySet());
        double[] cumulative = new double[names.size()];
        double total = 0;
        for (int i = 0; i < names.size(); i++) {
            total += w.weights().get(names.get(i));
            cumulative[i] = total;
        }
        double sum = total;
        String lastPositive = names.stream().filter(n -> w.weights().get(n) > 0).reduce((a, b) -> b).orElseThrow();
        return () -> {
            double x = r.nextDouble() * sum;
            for (int i = 0; i < cumulative.length; i++) {
                if (x < cumulative[i]) {
                    return names.get(i);
                }
            }
            return lastPositive;
        };
    }

    private static Supplier<Object> timestamp(FieldGen.Timestamp t, RandomGenerator r, Clock clock) {
        long jitter = t.jitter().toMillis();
        return () -> {
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (jitter > 0) {
                at = at.minusMillis(r.nextLong(jitter + 1));
            }
            return t.style() == FieldGen.Timestamp.Style.EPOCH_MILLIS ? (Object) at.toEpochMilli() : (Object) at.toString();
        };
    }
}
