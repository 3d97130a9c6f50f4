package org.airgap.compare.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.airgap.model.IgnoreRule;
import org.airgap.store.PathGlob;

/** A job's ignore rules, compiled once per comparison. */
final class IgnoreRules {

    private record Compiled(Pattern path, Pattern line) {
    }

    private final List<Compiled> rules;

    private IgnoreRules(List<Compiled> rules) {
        this.rules = rules;
    }

    /** @throws IllegalArgumentException naming the rule whose line pattern is not a valid regular expression */
    static IgnoreRules of(List<IgnoreRule> rules) {
        List<Compiled> compiled = new ArrayList<>();
        for (IgnoreRule rule : rules == null ? List.<IgnoreRule>of() : rules) {
            Pattern line;
            try {
                line = rule.linePattern() == null ? null : Pattern.compile(rule.linePattern());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("ignore rule for " + rule.pathGlob() + ": not a valid line pattern: "
                        + e.getMessage(), e);
            }
            compiled.add(new Compiled(PathGlob.compile(rule.pathGlob()), line));
        }
        return new IgnoreRules(List.copyOf(compiled));
    }

    /** Whether a whole-file rule leaves this path out. */
    boolean ignoresFile(String path) {
        for (Compiled rule : rules) {
            if (rule.line() == null && rule.path().matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which lines of this path's files do not count (a rule's pattern found anywhere in the line), or
     * {@code null} when no line rule applies.
     */
    Predicate<String> lineFilter(String path) {
        List<Pattern> patterns = new ArrayList<>();
        for (Compiled rule : rules) {
            if (rule.line() != null && rule.path().matcher(path).matches()) {
                patterns.add(rule.line());
            }
        }
        if (patterns.isEmpty()) {
            return null;
        }
        return line -> {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(line).find()) {
                    return true;
                }
            }
            return false;
        };
    }
}
