package dev.weir.server.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads samples out of a scrape in the Prometheus text format. */
final class Exposition {

    private Exposition() {
    }

    /**
     * The sum of the samples of metric {@code name} that carry all the given labels (name, value,
     * name, value, ...); fails if there is none.
     */
    static double value(String scrape, String name, String... labels) {
        double sum = 0;
        int found = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            Map<String, String> have = labels(line);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labels[i + 1].equals(have.get(labels[i]));
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found++;
            }
        }
        if (found == 0) {
            throw new AssertionError("no sample of " + name + " with labels " + String.join(",", labels));
        }
        return sum;
    }

    private static Map<String, String> labels(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        int open = line.indexOf('{');
        if (open < 0) {
            return m;
        }
        int i = open + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            while (line.charAt(j) != '"') {
                if (line.charAt(j) == '\\') {
                    j++;
                }
                v.append(line.charAt(j++));
            }
            m.put(key, v.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return m;
    }
}
