package dev.weir.engine.generator;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.weir.engine.generator.RecordFactoryTest.draw;
import static dev.weir.engine.generator.TestGenerators.factory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks the shapes of the random fields over 10,000 draws; the tolerances are several standard errors wide. */
class DistributionTest {

    static final int N = 10_000;

    static double[] numbers(String field, String definition) {
        List<Map<String, Object>> rows = draw(factory("seed: 2024", field + ": " + definition), N);
        return rows.stream().mapToDouble(v -> ((Number) v.get(field)).doubleValue()).toArray();
    }

    static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElseThrow();
    }

    static double stddev(double[] xs) {
        double m = mean(xs);
        return Math.sqrt(Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / (xs.length - 1));
    }

    static Map<Object, Double> shares(String field, String definition) {
        Map<Object, Double> out = new HashMap<>();
        for (Map<String, Object> v : draw(factory("seed: 77", field + ": " + definition), N)) {
            out.merge(v.get(field), 1.0 / N, Double::sum);
        }
        return out;
    }

    @Test
    void uniformIntegersCoverBothEnds() {
        double[] xs = numbers("x", "{ uniform: { min: 1, max: 200, integer: true } }");
        assertThat(Arrays.stream(xs).boxed().toList()).allMatch(x -> x >= 1 && x <= 200 && x == Math.rint(x));
        assertThat(xs).contains(1.0, 200.0);
        assertThat(mean(xs)).isCloseTo(100.5, within(2.0));
    }

    @Test
    void uniformDecimals() {
        double[] xs = numbers("x", "{ uniform: { min: -5, max: 5 } }");
        assertThat(Arrays.stream(xs).boxed().toList()).allMatch(x -> x >= -5 && x < 5);
        assertThat(mean(xs)).isCloseTo(0.0, within(0.1));
        assertThat(stddev(xs)).isCloseTo(10 / Math.sqrt(12), within(0.05));
    }

    @Test
    void normal() {
        double[] xs = numbers("x", "{ normal: { mean: 0.5, stddev: 0.1 } }");
        assertThat(mean(xs)).isCloseTo(0.5, within(0.005));
        assertThat(stddev(xs)).isCloseTo(0.1, within(0.005));
    }

    @Test
    void normalClampedToMinAndMax() {
        double[] xs = numbers("x", "{ normal: { mean: 0.5, stddev: 0.5 }, min: 0, max: 1 }");
        assertThat(Arrays.stream(xs).boxed().toList()).allMatch(x -> x >= 0 && x <= 1);
        assertThat(xs).contains(0.0, 1.0);
    }

    @Test
    void lognormalHasItsMedianAndIsRounded() {
        double[] xs = numbers("x", "{ lognormal: { median: 40, sigma: 1.0 }, round: 2 }");
        assertThat(Arrays.stream(xs).boxed().toList()).allMatch(x -> x > 0);
        assertThat(Arrays.stream(xs).boxed().toList()).allMatch(x -> BigDecimal.valueOf(x).stripTrailingZeros().scale() <= 2);
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        assertThat(sorted[N / 2]).isCloseTo(40.0, within(2.0));
        // the mean of a lognormal is median * e^(sigma^2 / 2)
        assertThat(mean(xs)).isCloseTo(40 * Math.exp(0.5), within(4.0));
        double[] logs = Arrays.stream(xs).map(Math::log).toArray();
        assertThat(stddev(logs)).isCloseTo(1.0, within(0.03));
    }

    @Test
    void roundZeroGivesIntegers() {
        List<Map<String, Object>> rows = draw(factory("seed: 1", "x: { normal: { mean: 100, stddev: 10 }, round: 0 }"), 100);
        assertThat(rows).allMatch(v -> v.get("x") instanceof Integer);
    }

    @Test
    void weightedChoiceFollowsTheWeights() {
        Map<Object, Double> s = shares("country", "{ weighted: { DE: 5, FR: 3, US: 1, XX: 0 } }");
        assertThat(s.keySet()).containsExactlyInAnyOrder("DE", "FR", "US");
        assertThat(s.get("DE")).isCloseTo(5 / 9.0, within(0.02));
        assertThat(s.get("FR")).isCloseTo(3 / 9.0, within(0.02));
        assertThat(s.get("US")).isCloseTo(1 / 9.0, within(0.015));
    }

    @Test
    void choiceIsEven() {
        Map<Object, Double> s = shares("m", "{ choice: [m-1, m-2, m-3, 4] }");
        assertThat(s.keySet()).containsExactlyInAnyOrder("m-1", "m-2", "m-3", 4);
        assertThat(s.values()).allSatisfy(share -> assertThat(share).isCloseTo(0.25, within(0.02)));
    }

    @Test
    void booleanIsTrueWithItsProbability() {
        Map<Object, Double> s = shares("b", "{ boolean: 0.9 }");
        assertThat(s.get(true)).isCloseTo(0.9, within(0.01));
        assertThat(shares("b", "{ boolean: 0 }")).containsOnlyKeys(false);
    }
}
