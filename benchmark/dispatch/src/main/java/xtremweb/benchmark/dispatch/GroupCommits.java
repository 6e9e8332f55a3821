package xtremweb.benchmark.dispatch;

import java.nio.charset.StandardCharsets;

/**
 * The server's group commits over a phase (its {@code /metrics}, read before and after): how many
 * callers' transactions it committed together, in how many commits, and how many groups it rolled
 * back to run their callers alone. The mean group says how much of the batching the load allowed.
 */
record GroupCommits(double commits, double units, double refused) {
    static GroupCommits read(Api api, String adminToken) {
        String text = new String(api.getBytes("/metrics", adminToken), StandardCharsets.UTF_8);
        return new GroupCommits(value(text, "xtremweb_db_group_commits"), value(text, "xtremweb_db_group_units"),
                value(text, "xtremweb_db_group_refused"));
    }

    private static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Since {@code before}, e.g. {@code 812 commits for 4,950 transactions (mean 6.1), 3 groups run alone}. */
    String since(GroupCommits before) {
        double c = commits - before.commits;
        double u = units - before.units;
        return String.format("%.0f commits for %.0f transactions (mean group %.1f), %.0f groups rolled back and run alone",
                c, u, c == 0 ? 0 : u / c, refused - before.refused);
    }
}
